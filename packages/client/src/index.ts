export { createClient } from './client';
export { createEmitter, type Emitter } from './emitter';
export type { FrontdeskErrorInit } from './errors';
export {
  AuthError,
  ConflictError,
  FrontdeskError,
  isFrontdeskError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  toFrontdeskError,
  ValidationError,
} from './errors';
export { clientId } from './id';
export { browserOnlineManager, manualOnlineManager } from './onlineManager';
export { idbStorage, memoryStorage } from './storage';
export type {
  Backend,
  ChatConversation,
  ChatMessage,
  Client,
  ClientEventMap,
  ClientOptions,
  ClientState,
  ClientWarning,
  ConnectionStatus,
  ConsentState,
  LinkStatus,
  MessageStatus,
  OnlineManager,
  SendMessageOptions,
  Session,
  SessionOptions,
  StartConversationOptions,
  StorageAdapter,
  SubscribeHandlers,
  TypingIndicator,
} from './types';
export { yieldToHost } from './yield';
