// The WAV-first encoding: encodeTelephoneWav gives the 8 kHz WAV and its samples without any MP3; the resampler
// keeps speech frequencies and removes what would fold back (aliasing) below 4 kHz; the MP3, encoded after in a
// worker thread from the stored WAV's samples, lasts as long as the WAV.
import { MPEGDecoder } from "mpg123-decoder";
import wavefile from "wavefile";
import { describe, expect, it } from "vitest";
import { encodeMp3, encodeTelephoneWav, telephonePcm } from "../../../../src/channels/voice/index.ts";
import { maxAudioSeconds } from "../../../../src/channels/voice/encode-audio.ts";

const toneWav = (rate: number, hz: number, seconds = 1, amplitude = 0.5) => {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(
    1,
    rate,
    "16",
    new Int16Array(rate * seconds).map((_, i) => Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * hz * i) / rate))),
  );
  return wav.toBuffer();
};

/** The amplitude of one frequency in the samples (Goertzel), 0..1 of full scale. */
const amplitudeAt = (pcm: Int16Array, rate: number, hz: number) => {
  const w = (2 * Math.PI * hz) / rate;
  let re = 0;
  let im = 0;
  for (let i = 0; i < pcm.length; i++) {
    re += (pcm[i]! / 32768) * Math.cos(w * i);
    im -= (pcm[i]! / 32768) * Math.sin(w * i);
  }
  return (2 * Math.hypot(re, im)) / pcm.length;
};

describe("telephone WAV first, MP3 after", () => {
  it("keeps a 1 kHz tone and removes a 6 kHz one instead of folding it to 2 kHz", () => {
    for (const rate of [22_050, 44_100, 48_000, 16_000, 11_025]) {
      const kept = encodeTelephoneWav(toneWav(rate, 1_000));
      expect(kept.sampleRate).toBe(8_000);
      expect(amplitudeAt(kept.pcm, 8_000, 1_000), `${rate} Hz`).toBeGreaterThan(0.45);
      expect(amplitudeAt(kept.pcm, 8_000, 1_000)).toBeLessThan(0.55);
      if (rate > 12_000) {
        const folded = encodeTelephoneWav(toneWav(rate, 6_000));
        // without the low-pass filter, 6 kHz sampled at 8 kHz would be a 2 kHz tone at full strength
        expect(amplitudeAt(folded.pcm, 8_000, 2_000), `${rate} Hz`).toBeLessThan(0.005);
      }
    }
  });

  it("gives the WAV and its samples (the WAV's own bytes) without encoding any MP3", () => {
    const audio = encodeTelephoneWav(toneWav(22_050, 440, 3));
    expect(Object.keys(audio).sort()).toEqual(["durationSec", "pcm", "sampleRate", "wav"]);
    expect(audio.durationSec).toBeCloseTo(3, 1);
    const file = new wavefile.WaveFile(audio.wav);
    expect(file.fmt).toMatchObject({ sampleRate: 8_000, numChannels: 1, bitsPerSample: 16, audioFormat: 1 });
    expect(Array.from(file.getSamples(false, Int16Array) as unknown as Int16Array)).toEqual(Array.from(audio.pcm));
    expect(Array.from(telephonePcm(audio.wav))).toEqual(Array.from(audio.pcm));
  });

  it("encodes the MP3 from the stored WAV in a worker thread, as long as the WAV", async () => {
    const audio = encodeTelephoneWav(toneWav(22_050, 440, 3));
    const [mp3, again] = await Promise.all([encodeMp3(telephonePcm(audio.wav)), encodeMp3(audio.pcm)]);
    expect(mp3.equals(again)).toBe(true);
    expect(audio.pcm.length).toBe(telephonePcm(audio.wav).length);
    const decoder = new MPEGDecoder();
    await decoder.ready;
    const decoded = decoder.decode(mp3);
    decoder.free();
    expect(decoded.sampleRate).toBe(8_000);
    expect(Math.abs(decoded.samplesDecoded / decoded.sampleRate - audio.durationSec)).toBeLessThan(0.3);
    expect(mp3.byteLength).toBeLessThan(audio.wav.byteLength / 4);
  });

  // the thread's heap is kept small (mp3ThreadLimits): the longest recording taken still encodes, whole
  it("encodes the longest recording taken within the encoder thread's heap limits", { timeout: 120_000 }, async () => {
    const pcm = new Int16Array(8_000 * maxAudioSeconds);
    // speech-like: a wandering tone with noise, so every frame has bits to spend
    for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(9_000 * Math.sin(i / (6 + Math.sin(i / 4_000) * 3)) + (Math.random() - 0.5) * 4_000);
    const mp3 = await encodeMp3(pcm);
    const decoder = new MPEGDecoder();
    await decoder.ready;
    const decoded = decoder.decode(mp3);
    decoder.free();
    expect(Math.abs(decoded.samplesDecoded / 8_000 - maxAudioSeconds)).toBeLessThan(0.3);
  });
});
