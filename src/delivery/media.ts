// Where audio and slides are fetched from outside: /public/v1/media/{file}, content-addressed, no token needed
// (telephony and radio systems often cannot send one; a name is the SHA-256 of the bytes, so it cannot be guessed).
export const mediaUrl = (publicUrl: string, file: string) => `${publicUrl}/public/v1/media/${file}`;
