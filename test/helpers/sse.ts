// Reads server-sent events from a fetch Response: each event's name, data (parsed JSON) and id.
export type SseEvent = { event: string; data: any; id?: string };

export const readEvents = (response: Response) => {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const next = async (timeoutMs = 10_000): Promise<SseEvent> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split("\n").filter((line) => !line.startsWith(":"));
        if (lines.length === 0) continue; // a ping
        const field = (name: string) => lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).trimStart());
        const data = field("data").join("\n");
        return { event: field("event")[0] ?? "message", data: data ? JSON.parse(data) : undefined, id: field("id")[0] };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("no event in time");
      const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event in time")), left))]);
      if (chunk.done) throw new Error("stream ended");
      buffer += chunk.value;
    }
  };
  return { next, cancel: () => reader.cancel().catch(() => {}) };
};
