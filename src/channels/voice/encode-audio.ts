// Speech for telephony: whatever a speech engine or a voice artist gives (PCM or float WAV at any rate and channel
// count, or MP3) becomes 8 kHz mono 16-bit PCM WAV, the format IVR and telephony systems take everywhere, plus an
// MP3 of the same speech (MPEG-2.5 layer III, 8 kHz mono, 16 kbit/s: about 2 kB a second) for links and radio.
// The WAV comes first and fast (about 0.1 s for a minute of speech: 16-bit PCM read straight from its bytes, a
// windowed-sinc resampler, the header written by hand); the MP3 (lamejs, about 1 s for a minute) is encoded
// afterwards in a worker thread, so partners get the WAV without waiting for it and the job's event loop stays free.
// wavefile reads other WAV forms, mpg123-decoder (WebAssembly) reads uploaded MP3s: no native tools needed.
import { endianness } from "node:os";
import { Worker } from "node:worker_threads";
import wavefile from "wavefile";
import { MPEGDecoder } from "mpg123-decoder";

const { WaveFile } = wavefile;

export const telephoneSampleRate = 8_000;
const mp3Kbps = 16;
/** A voice message longer than this is a mistake (a whole programme uploaded, a stuck engine). */
export const maxAudioSeconds = 600;

export class AudioDecodeError extends Error {}

/** 8 kHz mono 16-bit speech: the WAV file and its samples (to encode the MP3 from later) */
export type TelephoneWav = { wav: Buffer; pcm: Int16Array; durationSec: number; sampleRate: number };
export type TelephoneAudio = { wav: Buffer; mp3: Buffer; durationSec: number; sampleRate: number };

/** Typed arrays use the machine's byte order; WAV samples are little-endian. */
const littleEndian = endianness() === "LE";

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
  const data = (wav as unknown as { data: { samples: Uint8Array } }).data.samples;
  // 16-bit PCM (what espeak-ng writes): read straight from the bytes, as wavefile's sample reader is slow
  if (fmt.audioFormat === 1 && (wav.fmt as { bitsPerSample: number }).bitsPerSample === 16 && data.byteLength >= 2) {
    const frames = Math.floor(data.byteLength / 2 / fmt.numChannels);
    const mono = new Float32Array(frames);
    if (fmt.numChannels === 1 && littleEndian && data.byteOffset % 2 === 0) {
      const samples = new Int16Array(data.buffer, data.byteOffset, frames);
      for (let i = 0; i < frames; i++) mono[i] = samples[i]! / 32768;
    } else {
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      for (let i = 0, at = 0; i < frames; i++) {
        let sum = 0;
        for (let channel = 0; channel < fmt.numChannels; channel++, at += 2) sum += view.getInt16(at, true);
        mono[i] = sum / fmt.numChannels / 32768;
      }
    }
    return { samples: mono, sampleRate: fmt.sampleRate };
  }
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
  if (bytes.byteLength === 0) throw new AudioDecodeError("the audio is empty");
  if (/^audio\/(wav|wave|x-wav|vnd\.wave)$/i.test(mimeType)) return readWav(bytes);
  if (/^audio\/(mpeg|mp3)$/i.test(mimeType)) return readMp3(bytes);
  throw new AudioDecodeError(`unsupported audio type ${mimeType}: send audio/wav or audio/mpeg`);
};

/**
 * Band-limited resampling: each output sample is the input weighted by a low-pass windowed sinc (Blackman window,
 * 10 zero crossings a side, cut-off at 90% of the lower rate's Nyquist frequency) centred on where it falls between
 * input samples. Between the usual rates (22050, 44100, 48000, 16000 Hz to 8000) an output sample falls on one of
 * a few hundred positions at most: the kernel for each is computed once (polyphase), and each output sample is one
 * dot product.
 */
const zeroCrossings = 10;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const resample = (samples: Float32Array, from: number, to: number): Float32Array => {
  if (from === to) return samples;
  const cutoff = 0.9 * Math.min(1, to / from);
  const halfWidth = zeroCrossings / cutoff;
  const kernel = (d: number) => {
    if (Math.abs(d) >= halfWidth) return 0;
    const x = Math.PI * cutoff * d;
    const window = 0.42 + 0.5 * Math.cos((Math.PI * d) / halfWidth) + 0.08 * Math.cos((2 * Math.PI * d) / halfWidth);
    return cutoff * (d === 0 ? 1 : Math.sin(x) / x) * window;
  };
  // output j sits at input position j * from / to = (j * up) / down, between input samples
  const divisor = gcd(Math.round(from), Math.round(to));
  const [down, phases] = Number.isInteger(from) && Number.isInteger(to) && to / divisor <= 4_096 ? [from / divisor, to / divisor] : [from / to, 0];
  const taps = 2 * Math.ceil(halfWidth) + 1;
  const output = new Float32Array(Math.floor((samples.length * to) / from));
  const last = samples.length - 1;
  // phase p's kernel: the weights of input samples base - ceil(halfWidth) + t, where the position is base + p / phases
  const table = new Float32Array(Math.max(1, phases) * taps);
  for (let phase = 0; phase < phases; phase++) for (let t = 0; t < taps; t++) table[phase * taps + t] = kernel(t - Math.ceil(halfWidth) - phase / phases);
  for (let j = 0; j < output.length; j++) {
    let base: number;
    let weights: Float32Array;
    if (phases > 0) {
      const position = j * down;
      base = Math.floor(position / phases);
      weights = table.subarray((position % phases) * taps, ((position % phases) + 1) * taps);
    } else {
      const x = j * down;
      base = Math.floor(x);
      weights = new Float32Array(taps).map((_, t) => kernel(t - Math.ceil(halfWidth) - (x - base)));
    }
    const first = base - Math.ceil(halfWidth);
    let sum = 0;
    if (first >= 0 && first + taps - 1 <= last) {
      for (let t = 0; t < taps; t++) sum += samples[first + t]! * weights[t]!;
    } else {
      for (let t = 0; t < taps; t++) {
        const k = first + t;
        if (k >= 0 && k <= last) sum += samples[k]! * weights[t]!;
      }
    }
    output[j] = sum;
  }
  return output;
};

/** A WAV file of 16-bit mono samples, its 44-byte header written here. */
const wavFile = (pcm: Int16Array, sampleRate: number) => {
  const bytes = Buffer.alloc(44 + pcm.length * 2);
  bytes.write("RIFF", 0, "ascii");
  bytes.writeUInt32LE(36 + pcm.length * 2, 4);
  bytes.write("WAVEfmt ", 8, "ascii");
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(1, 20); // PCM
  bytes.writeUInt16LE(1, 22); // mono
  bytes.writeUInt32LE(sampleRate, 24);
  bytes.writeUInt32LE(sampleRate * 2, 28);
  bytes.writeUInt16LE(2, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write("data", 36, "ascii");
  bytes.writeUInt32LE(pcm.length * 2, 40);
  // Buffer.alloc gives the bytes an ArrayBuffer of their own: the samples at offset 44 are aligned
  if (littleEndian) new Int16Array(bytes.buffer, bytes.byteOffset + 44, pcm.length).set(pcm);
  else for (let i = 0; i < pcm.length; i++) bytes.writeInt16LE(pcm[i]!, 44 + i * 2);
  return bytes;
};

const toTelephoneWav = ({ samples, sampleRate }: Pcm): TelephoneWav => {
  if (samples.length === 0) throw new AudioDecodeError("the audio has no samples");
  if (samples.length / sampleRate > maxAudioSeconds) throw new AudioDecodeError(`the audio lasts more than ${maxAudioSeconds} seconds`);
  const resampled = resample(samples, sampleRate, telephoneSampleRate);
  // resampling overshoots speech already at full scale: bring the peak back under it rather than clip
  let peak = 0;
  for (const sample of resampled) peak = Math.max(peak, Math.abs(sample));
  const gain = peak > 0.98 ? 0.98 / peak : 1;
  const pcm = new Int16Array(resampled.length);
  for (let i = 0; i < resampled.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(resampled[i]! * gain * 32767)));
  return {
    wav: wavFile(pcm, telephoneSampleRate),
    pcm,
    durationSec: Math.round((pcm.length / telephoneSampleRate) * 100) / 100,
    sampleRate: telephoneSampleRate,
  };
};

// The MP3 encoder runs in worker threads: lamejs takes about a second of CPU per minute of speech, which would
// otherwise hold up every other job of the process. The threads are kept and reused (at most `mp3Threads`, started
// when first needed, stopped after `mp3IdleMs` without work): a thread started per encoding ran lamejs cold every
// time, and a warm one encoded 46 s of speech in a median 890 ms against 1,273 ms (7 of each, alternated, load ~8).
// The thread's code is given inline and loads lamejs by its resolved URL, so it runs the same from TypeScript
// sources or compiled files.
const lamejsUrl = import.meta.resolve("@breezystack/lamejs");
const mp3ThreadCode = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData.lamejs).then(({ Mp3Encoder }) => {
  parentPort.on("message", ({ pcm: buffer, sampleRate, kbps }) => {
    const pcm = new Int16Array(buffer);
    const encoder = new Mp3Encoder(1, sampleRate, kbps);
    const chunks = [];
    for (let i = 0; i < pcm.length; i += 1152) chunks.push(encoder.encodeBuffer(pcm.subarray(i, i + 1152)));
    chunks.push(encoder.flush());
    const size = chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
    const mp3 = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) { mp3.set(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), at); at += chunk.byteLength; }
    parentPort.postMessage(mp3, [mp3.buffer]);
  });
});
`;

/** Encodings at once: one thread each, about one per CPU core (a voice step's two languages side by side). */
const mp3Threads = 2;
/** A thread left without work this long is stopped (its memory goes back; the next encoding starts one again). */
const mp3IdleMs = 30_000;

type Mp3Task = { pcm: ArrayBuffer; resolve: (mp3: Buffer) => void; reject: (error: Error) => void };
type Mp3Thread = { worker: Worker; task?: Mp3Task; idle?: NodeJS.Timeout };
const mp3Pool = new Set<Mp3Thread>();
const mp3Waiting: Mp3Task[] = [];

/** A thread's heap, kept small: V8's default young generation (16 MB semi-spaces) let a thread grow by about 80 MB
 *  while it encoded, and two of them lifted the worker over its 250 MB (bench:worker, BENCH_TRACE=1: every peak was
 *  an encode-voice-mp3 job). With these limits a thread grows by about 40 MB and encodes as fast; lamejs needs a few
 *  MB for the longest recording taken (`maxAudioSeconds`), which the thread's test encodes. */
export const mp3ThreadLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };

const startMp3Thread = (): Mp3Thread => {
  // an idle thread does not keep the process alive (runMp3 unrefs it while it waits for work)
  const thread: Mp3Thread = {
    worker: new Worker(mp3ThreadCode, { eval: true, workerData: { lamejs: lamejsUrl }, resourceLimits: mp3ThreadLimits }),
  };
  thread.worker.on("message", (mp3: Uint8Array) => {
    const task = thread.task;
    thread.task = undefined;
    task?.resolve(Buffer.from(mp3.buffer, mp3.byteOffset, mp3.byteLength));
    runMp3(thread);
  });
  const fail = (error: Error) => {
    if (!mp3Pool.delete(thread) && !thread.task) return;
    clearTimeout(thread.idle);
    const task = thread.task;
    thread.task = undefined;
    task?.reject(error);
    // what waits gets a new thread
    if (mp3Waiting.length > 0) runMp3(startMp3Thread());
  };
  thread.worker.once("error", fail);
  thread.worker.once("exit", (code) => fail(new Error(`the MP3 encoder thread stopped (exit ${code}) without an answer`)));
  mp3Pool.add(thread);
  return thread;
};

/** Gives `thread` the next waiting encoding, or stops it once it has waited `mp3IdleMs` for one. */
const runMp3 = (thread: Mp3Thread) => {
  clearTimeout(thread.idle);
  const task = mp3Waiting.shift();
  if (!task) {
    thread.worker.unref();
    thread.idle = setTimeout(() => {
      mp3Pool.delete(thread);
      void thread.worker.terminate();
    }, mp3IdleMs).unref();
    return;
  }
  thread.task = task;
  thread.worker.ref();
  thread.worker.postMessage({ pcm: task.pcm, sampleRate: telephoneSampleRate, kbps: mp3Kbps }, [task.pcm]);
};

/** The MP3 of 8 kHz mono 16-bit samples (MPEG-2.5 layer III, 16 kbit/s), encoded in a worker thread. */
export const encodeMp3 = (pcm: Int16Array): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // a copy goes to the thread: the caller keeps its samples
    mp3Waiting.push({ pcm: pcm.slice().buffer, resolve, reject });
    const free = [...mp3Pool].find((thread) => !thread.task);
    if (free) runMp3(free);
    else if (mp3Pool.size < mp3Threads) runMp3(startMp3Thread());
  });

/** 8 kHz 16-bit samples from a WAV this module wrote (stored audio), to encode the MP3 from. */
export const telephonePcm = (wav: Uint8Array): Int16Array => {
  const { samples, sampleRate } = readWav(wav);
  if (sampleRate !== telephoneSampleRate) throw new AudioDecodeError(`expected ${telephoneSampleRate} Hz audio, got ${sampleRate} Hz`);
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.round(samples[i]! * 32768);
  return pcm;
};

const toTelephone = async (pcm: Pcm): Promise<TelephoneAudio> => {
  const { pcm: samples, ...wav } = toTelephoneWav(pcm);
  return { ...wav, mp3: await encodeMp3(samples) };
};

/** A speech engine's WAV as 8 kHz telephone WAV (the MP3 is encoded after, with encodeMp3). */
export const encodeTelephoneWav = (wav: Uint8Array): TelephoneWav => toTelephoneWav(readWav(wav));

/** A speech engine's WAV as telephone audio, WAV and MP3. */
export const encodeTelephoneAudio = (wav: Uint8Array): Promise<TelephoneAudio> => toTelephone(readWav(wav));

/** An uploaded recording as telephone audio; AudioDecodeError when it cannot be read. */
export const decodeUploadedAudio = async (bytes: Uint8Array, mimeType: string): Promise<TelephoneAudio> => toTelephone(await decodeAudio(bytes, mimeType));
