// 24×24 stroke icons (paths only, so each costs a few bytes; unused ones are tree-shaken). Decorative: hidden
// from assistive technology.
export const chat = 'M4 5h16v11H9l-5 4z';
export const close = 'M6 6l12 12M18 6L6 18';
export const back = 'M15 5l-7 7 7 7';
export const home = 'M4 11l8-7 8 7v9h-5v-6H9v6H4z';
export const messages = 'M4 5h16v11H9l-5 4zM8 9h8M8 12h5';
export const help =
  'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.5';
export const search = 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM16 16l4 4';
export const phone = 'M5 4h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 6a2 2 0 0 1 2-2z';
export const mail = 'M3 6h18v12H3zM3 6l9 7 9-7';
export const link = 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6';
export const next = 'M9 5l7 7-7 7';
export const form = 'M6 3h12v18H6zM9 8h6M9 12h6M9 16h3';
