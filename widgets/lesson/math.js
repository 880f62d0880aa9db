// Numbers the lesson widgets share, each computed the stable way (no overflow for any input).

/** σ(z) = 1 / (1 + e^(−z)), without e^(large). */
export function sigmoid(z) {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** −log σ(z) = log(1 + e^(−z)), finite for any z. */
export function negLogSigmoid(z) {
  return Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** softmax of a list: e^(v − max) / Σ e^(v − max). */
export function softmax(values) {
  const m = Math.max(...values);
  const e = values.map((v) => Math.exp(v - m));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}
