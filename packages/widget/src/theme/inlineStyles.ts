/** Layout inside an embedder's box (`mountWidget`) instead of the viewport: only embedders carry it. */
export const INLINE_CSS = `
:host([inline]){position:relative!important;width:100%!important;height:100%!important;min-height:560px!important}
.inl .la,.inl .p{position:absolute}.inl .p{height:calc(100% - var(--y) - 88px)}
`;
