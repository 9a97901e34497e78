/**
 * Plain L2-regularised logistic regression by Newton's method (iteratively reweighted least
 * squares). The intercept is not penalised. Small problems only: a dozen features, a few
 * thousand rows, solved exactly each step, so the fit is deterministic and converges in a few
 * steps instead of depending on a learning rate.
 */

export interface LogisticFit {
  bias: number;
  weights: number[];
  /** Newton steps taken. */
  steps: number;
  /** Mean log-loss on the rows fitted (without the penalty). */
  logLoss: number;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A·x = b for a symmetric positive-definite A by Gaussian elimination with partial pivoting. */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    [m[col], m[pivot]] = [m[pivot] ?? [], m[col] ?? []];
    const head = m[col] ?? [];
    const p = head[col] ?? 0;
    if (Math.abs(p) < 1e-12) throw new Error('singular system');
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] ?? [];
      const f = (row[col] ?? 0) / p;
      if (f) for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - f * (head[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/**
 * Minimises mean log-loss + (l2 / 2)·Σ w² over the weights (not the bias). `x` is rows of
 * features, `y` the labels (true = 1).
 */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly boolean[], l2: number, maxSteps = 50): LogisticFit {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  // theta[0] is the bias, theta[1..d] the weights.
  let theta = new Array<number>(d + 1).fill(0);
  let steps = 0;
  for (; steps < maxSteps; steps++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const row = [1, ...(x[i] ?? [])];
      const p = sigmoid(row.reduce((z, v, k) => z + v * (theta[k] ?? 0), 0));
      const err = p - (y[i] ? 1 : 0);
      const w = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a <= d; a++) {
        grad[a] = (grad[a] ?? 0) + (err * (row[a] ?? 0)) / n;
        const hRow = hess[a] ?? [];
        for (let b = 0; b <= d; b++) hRow[b] = (hRow[b] ?? 0) + (w * (row[a] ?? 0) * (row[b] ?? 0)) / n;
      }
    }
    for (let k = 1; k <= d; k++) {
      grad[k] = (grad[k] ?? 0) + l2 * (theta[k] ?? 0);
      const hRow = hess[k] ?? [];
      hRow[k] = (hRow[k] ?? 0) + l2;
    }
    // A tiny ridge on the bias too keeps the system solvable when a class is absent.
    const h0 = hess[0] ?? [];
    h0[0] = (h0[0] ?? 0) + 1e-9;
    const delta = solve(hess, grad);
    theta = theta.map((t, k) => t - (delta[k] ?? 0));
    if (Math.max(...delta.map(Math.abs)) < 1e-8) {
      steps++;
      break;
    }
  }
  const logLoss = x.reduce((sum, row, i) => {
    const p = sigmoid(row.reduce((z, v, k) => z + v * (theta[k + 1] ?? 0), theta[0] ?? 0));
    return sum - Math.log(Math.max(1e-15, y[i] ? p : 1 - p));
  }, 0) / Math.max(1, n);
  return { bias: theta[0] ?? 0, weights: theta.slice(1), steps, logLoss };
}
