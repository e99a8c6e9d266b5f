/**
 * Complex math with NumPy/C99 branch cuts and signed zeros. Every function writes its result
 * into the scratch pair `C` (so generated kernels allocate nothing): `f(x, y); re = C[0]; im = C[1]`.
 * Inverse functions use Kahan's formulas ("Branch cuts for complex elementary functions").
 */
export const C = new Float64Array(2);

const isInf = (v: number) => v === Infinity || v === -Infinity;
const copysign = (a: number, b: number) => (b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a));

export function csqrt(x: number, y: number): void {
  if (isInf(y)) { C[0] = Infinity; C[1] = y; return; }
  if (x !== x) { C[0] = x; C[1] = y === y ? x : y; return; }
  if (y !== y) {
    if (x === Infinity) { C[0] = x; C[1] = y; } else if (x === -Infinity) { C[0] = y; C[1] = Infinity; } else { C[0] = y; C[1] = y; }
    return;
  }
  if (x === -Infinity) { C[0] = 0; C[1] = copysign(Infinity, y); return; }
  if (x === Infinity) { C[0] = Infinity; C[1] = copysign(0, y); return; }
  if (x === 0 && y === 0) { C[0] = 0; C[1] = y; return; }
  // Scale to avoid overflow in hypot + |x|.
  let scale = 1, ax = Math.abs(x), ay = Math.abs(y);
  if (ax > 1e300 || ay > 1e300) { ax *= 0.25; ay *= 0.25; scale = 2; }
  else if (ax < 1e-300 && ay < 1e-300) { ax *= 2 ** 120; ay *= 2 ** 120; scale = 2 ** -60; }
  const t = Math.sqrt((ax + Math.hypot(ax, ay)) * 0.5);
  if (x >= 0) { C[0] = t * scale; C[1] = copysign((ay / (2 * t)) * scale, y); }
  else { C[0] = (ay / (2 * t)) * scale; C[1] = copysign(t * scale, y); }
}

export function cexp(x: number, y: number): void {
  if (y === 0) { C[0] = Math.exp(x); C[1] = y; return; }
  if (!Number.isFinite(y)) {
    if (x === -Infinity) { C[0] = 0; C[1] = 0; return; }
    if (x === Infinity) { C[0] = Infinity; C[1] = NaN; return; }
    C[0] = NaN; C[1] = NaN; return;
  }
  if (x === Infinity) { C[0] = x * Math.cos(y); C[1] = x * Math.sin(y); return; }
  const e = Math.exp(x);
  C[0] = e * Math.cos(y);
  C[1] = e * Math.sin(y);
}

export function clog(x: number, y: number): void {
  C[0] = Math.log(Math.hypot(x, y));
  C[1] = Math.atan2(y, x);
}

/** As NumPy's nc_expm1 (no special cases beyond what the formula gives). */
export function cexpm1(x: number, y: number): void {
  const s = Math.sin(y / 2);
  C[0] = Math.expm1(x) * Math.cos(y) - 2 * s * s;
  C[1] = Math.exp(x) * Math.sin(y);
}

export function clog1p(x: number, y: number): void {
  C[0] = Math.log(Math.hypot(x + 1, y));
  C[1] = Math.atan2(y, x + 1);
}

// csinh/ccosh/ctanh follow FreeBSD msun (C11 Annex G special values).
export function csinh(x: number, y: number): void {
  const fx = Number.isFinite(x), fy = Number.isFinite(y);
  if (fx && fy) {
    if (y === 0) { C[0] = Math.sinh(x); C[1] = y; return; }
    C[0] = Math.sinh(x) * Math.cos(y);
    C[1] = Math.cosh(x) * Math.sin(y);
    return;
  }
  if (x === 0 && !fy) { C[0] = x; C[1] = y - y; return; }
  if (y === 0 && !fx) { C[0] = x; C[1] = y; return; }
  if (fx && !fy) { C[0] = y - y; C[1] = y - y; return; }
  if (isInf(x)) {
    if (!fy) { C[0] = x; C[1] = y - y; return; }
    C[0] = x * Math.cos(y); C[1] = Infinity * Math.sin(y); return;
  }
  C[0] = x * x * (y - y); C[1] = (x + x) * (y - y);
}

export function ccosh(x: number, y: number): void {
  const fx = Number.isFinite(x), fy = Number.isFinite(y);
  if (fx && fy) {
    if (y === 0) { C[0] = Math.cosh(x); C[1] = x * y; return; }
    C[0] = Math.cosh(x) * Math.cos(y);
    C[1] = Math.sinh(x) * Math.sin(y);
    return;
  }
  if (x === 0 && !fy) { C[0] = y - y; C[1] = x * 0; return; }
  if (y === 0 && !fx) { C[0] = x * x; C[1] = copysign(0, x) * y; return; }
  if (fx && !fy) { C[0] = y - y; C[1] = x * (y - y); return; }
  if (isInf(x)) {
    if (!fy) { C[0] = x * x; C[1] = x * (y - y); return; }
    C[0] = x * x * Math.cos(y); C[1] = x * Math.sin(y); return;
  }
  C[0] = x * x * (y - y); C[1] = (x + x) * (y - y);
}

export function ctanh(x: number, y: number): void {
  if (x !== x) { C[0] = x; C[1] = y === 0 ? y : x; return; }
  if (isInf(x)) { C[0] = copysign(1, x); C[1] = copysign(0, isInf(y) ? y : Math.sin(y) * Math.cos(y)); return; }
  if (!Number.isFinite(y)) { C[0] = x === 0 ? x : y - y; C[1] = y - y; return; }
  if (Math.abs(x) >= 22) {
    const e = Math.exp(-Math.abs(x));
    C[0] = copysign(1, x);
    C[1] = 4 * Math.sin(y) * Math.cos(y) * e * e;
    return;
  }
  const t = Math.tan(y), beta = 1 + t * t, s = Math.sinh(x), rho = Math.sqrt(1 + s * s), den = 1 + beta * s * s;
  C[0] = (beta * rho * s) / den;
  C[1] = t / den;
}

// sin z = -i sinh(iz); cos z = cosh(iz); tan z = -i tanh(iz)   (iz = -y + ix)
export function csin(x: number, y: number): void { csinh(-y, x); const a = C[0]!; C[0] = C[1]!; C[1] = -a; }
export function ccos(x: number, y: number): void { ccosh(-y, x); }
export function ctan(x: number, y: number): void { ctanh(-y, x); const a = C[0]!; C[0] = C[1]!; C[1] = -a; }

export function casin(x: number, y: number): void {
  // asin z: re = atan(x / Re(sqrt(1-z) sqrt(1+z))), im = asinh(Im(conj(sqrt(1-z)) sqrt(1+z)))
  if (x !== x || y !== y) { casinNaN(x, y); return; }
  if (Math.abs(x) > 1e150 || Math.abs(y) > 1e150) {
    // large |z|: asin z ≈ -i log(2iz) with the sign conventions of the cut
    const ax = Math.abs(x), ay = Math.abs(y);
    C[0] = copysign(Math.atan2(ax, ay), x); C[1] = copysign(Math.log(Math.hypot(ax, ay)) + Math.LN2, y);
    return;
  }
  csqrt(1 - x, -y); const ar = C[0]!, ai = C[1]!;
  csqrt(1 + x, y); const br = C[0]!, bi = C[1]!;
  C[0] = Math.atan2(x, ar * br - ai * bi);
  C[1] = Math.asinh(ar * bi - ai * br);
}

function casinNaN(x: number, y: number): void {
  if (x !== x) { C[0] = x; C[1] = isInf(y) ? y : x; return; }
  // y NaN
  C[0] = x === 0 ? x : y;
  C[1] = isInf(x) ? Infinity : y;
}

export function cacos(x: number, y: number): void {
  if (x !== x || y !== y) {
    if (isInf(y)) { C[0] = NaN; C[1] = -y; return; }
    if (x === 0 && y !== y) { C[0] = Math.PI / 2; C[1] = y; return; }
    if (isInf(x)) { C[0] = NaN; C[1] = Infinity; return; }
    C[0] = NaN; C[1] = NaN; return;
  }
  if (Math.abs(x) > 1e150 || Math.abs(y) > 1e150) {
    clog(Math.abs(x), Math.abs(y));
    const lr = C[0]! + Math.LN2, li = C[1]!;
    C[0] = x >= 0 ? li : Math.PI - li;
    C[1] = y < 0 || Object.is(y, -0) ? lr : -lr;
    return;
  }
  csqrt(1 - x, -y); const ar = C[0]!, ai = C[1]!;
  csqrt(1 + x, y); const br = C[0]!, bi = C[1]!;
  C[0] = 2 * Math.atan2(ar, br);
  C[1] = Math.asinh(br * ai - bi * ar);
}

export function cacosh(x: number, y: number): void {
  // acosh z = ±i acos z, picking the sign that gives Re >= 0 (C99: acosh z = i acos z when Im(acos z) <= 0)
  cacos(x, y);
  const ar = C[0]!, ai = C[1]!;
  if (ai !== ai) { C[0] = ai; C[1] = ar; return; }
  if (ai < 0 || (ai === 0 && !(y < 0 || Object.is(y, -0)))) { C[0] = -ai; C[1] = ar; }
  else { C[0] = ai; C[1] = -ar; }
  if (C[0] === 0 && !Object.is(C[0], 0)) C[0] = 0;
}

// asinh z = -i asin(iz); atan z = -i atanh(iz)
export function casinh(x: number, y: number): void { casin(-y, x); const a = C[0]!; C[0] = C[1]!; C[1] = -a; }

export function catanh(x: number, y: number): void {
  if (x !== x || y !== y) {
    if (isInf(x) || isInf(y)) { C[0] = copysign(0, x); C[1] = isInf(y) || y === y ? copysign(Math.PI / 2, y) : y; return; }
    if (x === 0) { C[0] = x; C[1] = NaN; return; }
    C[0] = NaN; C[1] = NaN; return;
  }
  if (isInf(x) || isInf(y) || Math.abs(x) > 1e150 || Math.abs(y) > 1e150) {
    // 1/z → 0 with the signs of the cut
    const r = 1 / Math.hypot(x, y);
    C[0] = isInf(x) || isInf(y) ? copysign(0, x) : (x * r) * r;
    C[1] = copysign(Math.PI / 2, y);
    return;
  }
  const ax = Math.abs(x);
  if (ax === 1 && y === 0) { C[0] = copysign(Infinity, x); C[1] = y; return; }
  const den = (1 - ax) * (1 - ax) + y * y;
  const re = 0.25 * Math.log1p((4 * ax) / den);
  const im = 0.5 * Math.atan2(2 * y, (1 - ax) * (1 + ax) - y * y);
  C[0] = copysign(re, x);
  C[1] = im;
}

export function catan(x: number, y: number): void { catanh(-y, x); const a = C[0]!; C[0] = C[1]!; C[1] = -a; }

/** Smith's division as NumPy. */
export function cdiv(ar: number, ai: number, br: number, bi: number): void {
  const abr = Math.abs(br), abi = Math.abs(bi);
  if (abr >= abi) {
    if (abr === 0 && abi === 0) { C[0] = ar / abr; C[1] = ai / abi; return; }
    const rat = bi / br, scl = 1 / (br + bi * rat);
    C[0] = (ar + ai * rat) * scl;
    C[1] = (ai - ar * rat) * scl;
  } else {
    const rat = br / bi, scl = 1 / (bi + br * rat);
    C[0] = (ar * rat + ai) * scl;
    C[1] = (ai * rat - ar) * scl;
  }
}

export function crecip(x: number, y: number): void {
  if (Math.abs(y) <= Math.abs(x)) {
    const r = y / x, d = x + y * r;
    C[0] = 1 / d; C[1] = -r / d;
  } else {
    const r = x / y, d = x * r + y;
    C[0] = r / d; C[1] = -1 / d;
  }
}

export function csign(x: number, y: number): void {
  const a = Math.hypot(x, y);
  if (a !== a) { C[0] = NaN; C[1] = NaN; }
  else if (a === Infinity) {
    if (isInf(x) && isInf(y)) { C[0] = NaN; C[1] = NaN; }
    else { C[0] = isInf(x) ? copysign(1, x) : 0; C[1] = isInf(y) ? copysign(1, y) : 0; }
  } else if (a === 0) { C[0] = 0; C[1] = 0; }
  else { C[0] = x / a; C[1] = y / a; }
}

function cmul(ar: number, ai: number, br: number, bi: number): void {
  C[0] = ar * br - ai * bi;
  C[1] = ar * bi + ai * br;
}

/** a ** b as NumPy's nc_pow: exact small integer powers by repeated multiplication, else exp(b log a). */
export function cpow(ar: number, ai: number, br: number, bi: number): void {
  if (br === 0 && bi === 0) { C[0] = 1; C[1] = 0; return; }
  if (ar === 0 && ai === 0) {
    if (br > 0) { C[0] = 0; C[1] = 0; } else { C[0] = NaN; C[1] = NaN; }
    return;
  }
  if (bi === 0 && br === Math.trunc(br) && Math.abs(br) < 100) {
    let n = Math.abs(br), pr = 1, pi = 0, xr = ar, xi = ai;
    while (n > 0) {
      if (n & 1) { cmul(pr, pi, xr, xi); pr = C[0]!; pi = C[1]!; }
      n >>= 1;
      if (n > 0) { cmul(xr, xi, xr, xi); xr = C[0]!; xi = C[1]!; }
    }
    if (br < 0) cdiv(1, 0, pr, pi); else { C[0] = pr; C[1] = pi; }
    return;
  }
  clog(ar, ai);
  const lr = C[0]!, li = C[1]!;
  cexp(lr * br - li * bi, lr * bi + li * br);
}
