// The display channel: slides for border-gate screens.
export {
  drawText,
  renderSlide,
  slideKey,
  slideMarkup,
  slideRendererVersion,
  SlideTooLongError,
  type RenderedSlide,
  type SlideInput,
  type SlideProfile,
} from "./render-slide.ts";
export { breakableText, breakOpportunities, escapePango, termsIn, type BreakOptions } from "./slide-text.ts";
export { fontFamilies, fontFiles, registerFonts } from "./fonts.ts";
export { emptyThumbnail, slideThumbnail, thumbnailBox } from "./thumbnail.ts";
