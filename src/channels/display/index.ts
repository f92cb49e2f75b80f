// The display channel: slides for border-gate screens.
export { renderSlide, slideKey, slideRendererVersion, SlideTooLongError, type RenderedSlide, type SlideInput, type SlideProfile } from "./render-slide.ts";
export { breakableText, escapePango } from "./slide-text.ts";
export { fontFamilies, fontFiles, registerFonts } from "./fonts.ts";
