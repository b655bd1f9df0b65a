import { Flags } from '@oclif/core';

/** `--tier lmdb --tier redis`: the cache tiers a command touches (all when omitted). */
export const tierFlag = Flags.string({ description: 'Only this cache tier (repeatable): lmdb, redis, s3, or any registered backend id. All tiers when omitted.', multiple: true });
