/** Limits both ends agree on; the hub enforces them, the clients avoid hitting them. */
export const LIMITS = {
  /** Characters (UTF-16 code units) in one message body. */
  messageBody: 4000,
  /** Length of a sender-made clientId (nanoid() makes 21). */
  clientId: 64,
  /** Messages returned by one sync call; clients page with afterSeq while `more`. */
  syncPage: 500,
  /**
   * Bytes (UTF-8 bodies plus a fixed allowance per message) one sync page may carry;
   * the first message always fits. 500 messages of 4,000 characters would be ~2 MB.
   */
  syncPageBytes: 256 * 1024,
  /** Socket.IO frame size the hub accepts at all; larger frames drop the socket. */
  maxFrameBytes: 64 * 1024,
} as const;
