// Speech for telephony: whatever a speech engine or a voice artist gives (PCM or float WAV at any rate and channel
// count, or MP3) becomes 8 kHz mono 16-bit PCM WAV, the format IVR and telephony systems take everywhere, plus an
// MP3 of the same speech (MPEG-2.5 layer III, 8 kHz mono, 16 kbit/s: about 2 kB a second) for links and radio.
// wavefile reads and writes WAV, libsamplerate (WebAssembly) resamples, lamejs encodes MP3, mpg123-decoder
// (WebAssembly) reads uploaded MP3s: no native tools needed.
import type libsamplerateModule from "@alexanderolsen/libsamplerate-js";
import type wavefileModule from "wavefile";
import type { Mp3Encoder as Mp3EncoderClass } from "@breezystack/lamejs";
import type { MPEGDecoder as MPEGDecoderClass } from "mpg123-decoder";

// The codecs are loaded at the first audio handled: an API process that never decodes an upload does not carry
// them (two are WebAssembly; about 10 MB of memory together, docs/performance.md).
let libsamplerate: typeof libsamplerateModule;
let WaveFile: typeof wavefileModule.WaveFile;
let Mp3Encoder: typeof Mp3EncoderClass;
let MPEGDecoder: typeof MPEGDecoderClass;
let loading: Promise<void> | undefined;
const loadCodecs = () =>
  (loading ??= (async () => {
    const [samplerate, wavefile, lame, mpg123] = await Promise.all([import("@alexanderolsen/libsamplerate-js"), import("wavefile"), import("@breezystack/lamejs"), import("mpg123-decoder")]);
    libsamplerate = samplerate.default;
    WaveFile = wavefile.default.WaveFile;
    Mp3Encoder = lame.Mp3Encoder;
    MPEGDecoder = mpg123.MPEGDecoder;
  })());

export const telephoneSampleRate = 8_000;
const mp3Kbps = 16;
/** A voice message longer than this is a mistake (a whole programme uploaded, a stuck engine). */
export const maxAudioSeconds = 600;

export class AudioDecodeError extends Error {}

export type TelephoneAudio = { wav: Buffer; mp3: Buffer; durationSec: number; sampleRate: number };

type Pcm = { samples: Float32Array; sampleRate: number };

const downmix = (channels: Float32Array[] | Float64Array[]): Float32Array => {
  const length = channels[0]?.length ?? 0;
  const mono = new Float32Array(length);
  for (const channel of channels) for (let i = 0; i < length; i++) mono[i]! += channel[i]! / channels.length;
  return mono;
};

const readWav = (bytes: Uint8Array): Pcm => {
  const wav = new WaveFile();
  try {
    wav.fromBuffer(bytes);
  } catch (error) {
    throw new AudioDecodeError(`not a readable WAV file: ${(error as Error).message}`);
  }
  // copied: converting the bit depth rebuilds the fmt chunk
  const fmt = { ...(wav.fmt as { numChannels: number; sampleRate: number; audioFormat: number }) };
  if (!fmt.sampleRate || !fmt.numChannels) throw new AudioDecodeError("the WAV file has no sample rate or channels");
  if (fmt.audioFormat === 7) wav.fromMuLaw();
  else if (fmt.audioFormat === 6) wav.fromALaw();
  const bits = (wav.fmt as { bitsPerSample: number }).bitsPerSample;
  const float = fmt.audioFormat === 3 || (wav.fmt as { audioFormat: number }).audioFormat === 3;
  // integer samples come as they are stored (8-bit unsigned, others signed): scale them to -1..1
  const scale = float ? 1 : 2 ** (bits - 1);
  const offset = !float && bits === 8 ? 128 : 0;
  const raw = wav.getSamples(false, Float32Array) as unknown as Float32Array | Float32Array[];
  const channels = fmt.numChannels > 1 ? (raw as Float32Array[]) : [raw as Float32Array];
  const mono = downmix(channels);
  for (let i = 0; i < mono.length; i++) mono[i] = (mono[i]! - offset) / scale;
  return { samples: mono, sampleRate: fmt.sampleRate };
};

const readMp3 = async (bytes: Uint8Array): Promise<Pcm> => {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const decoded = decoder.decode(bytes);
    if (decoded.samplesDecoded === 0) throw new AudioDecodeError(`not a readable MP3 file${decoded.errors[0] ? `: ${decoded.errors[0].message}` : ""}`);
    return { samples: downmix(decoded.channelData), sampleRate: decoded.sampleRate };
  } finally {
    decoder.free();
  }
};

/** Reads a recording: audio/wav (PCM, float, mu-law, A-law) or audio/mpeg. */
export const decodeAudio = async (bytes: Uint8Array, mimeType: string): Promise<Pcm> => {
  await loadCodecs();
  if (bytes.byteLength === 0) throw new AudioDecodeError("the audio is empty");
  if (/^audio\/(wav|wave|x-wav|vnd\.wave)$/i.test(mimeType)) return readWav(bytes);
  if (/^audio\/(mpeg|mp3)$/i.test(mimeType)) return readMp3(bytes);
  throw new AudioDecodeError(`unsupported audio type ${mimeType}: send audio/wav or audio/mpeg`);
};

const resample = async (samples: Float32Array, from: number) => {
  if (from === telephoneSampleRate) return samples;
  const converter = await libsamplerate.create(1, from, telephoneSampleRate, { converterType: libsamplerate.ConverterType.SRC_SINC_MEDIUM_QUALITY });
  try {
    return converter.simple(samples);
  } finally {
    converter.destroy();
  }
};

const toTelephone = async ({ samples, sampleRate }: Pcm): Promise<TelephoneAudio> => {
  if (samples.length === 0) throw new AudioDecodeError("the audio has no samples");
  if (samples.length / sampleRate > maxAudioSeconds) throw new AudioDecodeError(`the audio lasts more than ${maxAudioSeconds} seconds`);
  const resampled = await resample(samples, sampleRate);
  // resampling overshoots speech already at full scale: bring the peak back under it rather than clip
  let peak = 0;
  for (const sample of resampled) peak = Math.max(peak, Math.abs(sample));
  const gain = peak > 0.98 ? 0.98 / peak : 1;
  const pcm = new Int16Array(resampled.length);
  for (let i = 0; i < resampled.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(resampled[i]! * gain * 32767)));
  const wav = new WaveFile();
  wav.fromScratch(1, telephoneSampleRate, "16", pcm);
  const encoder = new Mp3Encoder(1, telephoneSampleRate, mp3Kbps);
  const chunks: Buffer[] = [];
  const push = (chunk: Int8Array | Uint8Array) => chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  for (let i = 0; i < pcm.length; i += 1152) push(encoder.encodeBuffer(pcm.subarray(i, i + 1152)));
  push(encoder.flush());
  return {
    wav: Buffer.from(wav.toBuffer()),
    mp3: Buffer.concat(chunks),
    durationSec: Math.round((pcm.length / telephoneSampleRate) * 100) / 100,
    sampleRate: telephoneSampleRate,
  };
};

/** A speech engine's WAV as telephone audio. */
export const encodeTelephoneAudio = async (wav: Uint8Array): Promise<TelephoneAudio> => {
  await loadCodecs();
  return toTelephone(readWav(wav));
};

/** An uploaded recording as telephone audio; AudioDecodeError when it cannot be read. */
export const decodeUploadedAudio = async (bytes: Uint8Array, mimeType: string): Promise<TelephoneAudio> => toTelephone(await decodeAudio(bytes, mimeType));
