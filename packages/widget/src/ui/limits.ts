/** Largest file a visitor may attach, and how many per message. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 5;
/** Longest message (the protocol's `MAX_MESSAGE_LENGTH`; kept here so the panel does not bundle its schemas). */
export const MAX_MESSAGE_LENGTH = 5000;
