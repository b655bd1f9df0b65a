/** Version of the plugin API this kernel implements; plugins declare a semver range against it. */
export const PLUGIN_API_VERSION = '1.0.0';
export const KERNEL_VERSION = '0.1.0';
