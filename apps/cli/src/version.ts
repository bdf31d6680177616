declare const __PT_VERSION__: string | undefined;

/** The CLI's version, fixed at build time (tsup `define`); `dev` when run from source. */
export const VERSION: string = typeof __PT_VERSION__ === 'string' ? __PT_VERSION__ : 'dev';
