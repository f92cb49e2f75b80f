// Small copies of slides for the console's list of screens: scaled to fit a box, PNG. A screen that shows nothing
// gets a dark image of its own shape (the player shows a dark stage then).
import sharp from "sharp";

export const thumbnailBox = { width: 240, height: 240 };

/** The slide scaled down (never up) to fit the box, aspect kept. */
export const slideThumbnail = (png: Uint8Array, box = thumbnailBox) =>
  sharp(png).resize({ width: box.width, height: box.height, fit: "inside", withoutEnlargement: true }).png({ compressionLevel: 9, palette: true }).toBuffer();

/** A dark image with the shape of a `width`×`height` screen, fitted to the box. */
export const emptyThumbnail = (screen: { width: number; height: number }, box = thumbnailBox) => {
  const scale = Math.min(box.width / screen.width, box.height / screen.height, 1);
  return sharp({
    create: {
      width: Math.max(1, Math.round(screen.width * scale)),
      height: Math.max(1, Math.round(screen.height * scale)),
      channels: 3,
      background: "#111418",
    },
  })
    .png()
    .toBuffer();
};
