export type { MemoryBackend, MemoryBackendOptions } from './memoryBackend';
export { memoryBackend } from './memoryBackend';
export type { MemoryAgent, MemoryHub, MemoryHubOptions } from './memoryHub';
export { createMemoryHub } from './memoryHub';
