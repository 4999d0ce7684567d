// The slice of `chrome` that benchmark code calls inside extension pages (evaluated in the browser, not in Node).
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; data?: Record<string, unknown>; error?: unknown } | undefined> };
};
