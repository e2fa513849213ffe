export type {
  Backend,
  ChatConversation,
  ChatMessage,
  ConnectionStatus,
  LinkStatus,
  MessageStatus,
  Session,
  SessionOptions,
  SubscribeHandlers,
} from './types';
