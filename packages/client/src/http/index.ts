export type { HttpBackend, HttpBackendOptions } from './httpBackend';
export { httpBackend } from './httpBackend';
