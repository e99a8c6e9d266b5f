/**
 * CUDA C helpers every generated kernel may call: storage types, float16 conversions (PTX `cvt`,
 * so no header is needed), NumPy's integer and float division/remainder, shifts, powers,
 * nextafter, logaddexp and complex math (computed in double; branch cuts and special values as
 * NumPy/C99, ported from the ndarray adapter's complex.ts). Split in sections so a kernel only
 * carries what it uses.
 */

export const BASE = String.raw`
typedef signed char i8; typedef short i16; typedef int i32; typedef long long i64;
typedef unsigned char u8; typedef unsigned short u16; typedef unsigned int u32; typedef unsigned long long u64;
struct __align__(8) c64s { float re, im; };
struct __align__(16) c128s { double re, im; };
#define DEV static __device__ __forceinline__
#ifndef INFINITY
#define INFINITY __longlong_as_double(0x7ff0000000000000ULL)
#endif
#ifndef NAN
#define NAN __longlong_as_double(0x7ff8000000000000ULL)
#endif
DEV bool sbit(double v) { return __double_as_longlong(v) < 0; }
DEV bool sbit(float v) { return __float_as_int(v) < 0; }
DEV void arr_fail(u64* err, u64 code, long long a, long long b, long long c) {
  if (atomicCAS(err, 0ULL, code) == 0ULL) { err[1] = (u64)a; err[2] = (u64)b; err[3] = (u64)c; }
}
template<typename T> DEV T f2i(double x) {
  if (x != x) return (T)0;
  if ((T)-1 > (T)0 && sizeof(T) == 8 && x >= 9223372036854775808.0) return (T)(u64)x;
  return (T)(long long)x;
}
template<typename T> DEV T np_sign(T x) { return x > 0 ? (T)1 : x < 0 ? (T)-1 : x == x ? (T)0 : x; }
template<typename T> DEV T np_max(T a, T b) { return (a > b || a != a) ? a : b; }
template<typename T> DEV T np_min(T a, T b) { return (a < b || a != a) ? a : b; }
template<typename T> DEV T i_max(T a, T b) { return a > b ? a : b; }
template<typename T> DEV T i_min(T a, T b) { return a < b ? a : b; }
DEV float np_fmod(float a, float b) { return fmodf(a, b); }
DEV double np_fmod(double a, double b) { return fmod(a, b); }
template<typename T> DEV T np_floordiv(T a, T b) {
  if (b == 0) return a / b;
  T mod = np_fmod(a, b);
  T div = (a - mod) / b;
  if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1;
  if (div == 0) return copysign((T)0, a / b);
  T f = floor(div);
  if (div - f > (T)0.5) f += 1;
  return f;
}
template<typename T> DEV T np_rem(T a, T b) {
  if (b == 0) return np_fmod(a, b);
  T mod = np_fmod(a, b);
  if (mod != 0) { if ((b < 0) != (mod < 0)) mod += b; }
  else mod = copysign((T)0, b);
  return mod;
}
template<typename T> DEV T np_logaddexp(T a, T b) {
  if (a == b) return a + (T)0.69314718055994530942;
  T d = a - b;
  if (d > 0) return a + log1p(exp(-d));
  if (d <= 0) return b + log1p(exp(d));
  return d;
}
template<typename T> DEV T i_floordiv(T a, T b) {
  if (b == 0) return (T)0;
  if ((T)-1 < (T)0 && b == (T)-1) return (T)(0ULL - (u64)a);
  T q = (T)(a / b);
  if ((T)-1 < (T)0 && (T)(a % b) != 0 && ((a < 0) != (b < 0))) q = (T)(q - 1);
  return q;
}
template<typename T> DEV T i_rem(T a, T b) {
  if (b == 0) return (T)0;
  if ((T)-1 < (T)0 && b == (T)-1) return (T)0;
  T r = (T)(a % b);
  if ((T)-1 < (T)0 && r != 0 && ((r < 0) != (b < 0))) r = (T)(r + b);
  return r;
}
template<typename T> DEV T i_lshift(T a, T b) {
  if (b < 0 || (u64)b >= sizeof(T) * 8) return (T)0;
  return (T)((u64)a << (int)b);
}
template<typename T> DEV T i_rshift(T a, T b) {
  if (b < 0 || (u64)b >= sizeof(T) * 8) return a < 0 ? (T)-1 : (T)0;
  return (T)(a >> (int)b);
}
template<typename T> DEV T i_pow(T a, T b, u64* err) {
  if (b < 0) { arr_fail(err, 9, 0, 0, 0); return (T)0; }
  u64 r = 1, x = (u64)a, e = (u64)b;
  while (e > 0) { if (e & 1) r *= x; x *= x; e >>= 1; }
  return (T)r;
}
template<typename T> DEV T i_abs(T a) { return a < 0 ? (T)(0ULL - (u64)a) : a; }
template<typename T> DEV T i_neg(T a) { return (T)(0ULL - (u64)a); }
template<typename T> DEV T i_sign(T a) { return a > 0 ? (T)1 : a < 0 ? (T)-1 : (T)0; }
template<typename T> DEV T w_add(T a, T b) { return (T)((u64)a + (u64)b); }
template<typename T> DEV T w_sub(T a, T b) { return (T)((u64)a - (u64)b); }
template<typename T> DEV T w_mul(T a, T b) { return (T)((u64)a * (u64)b); }
`;

export const HALF = String.raw`
DEV float h2f(u16 h) { float f; asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(h)); return f; }
DEV u16 f2h(float f) { u16 h; asm("cvt.rn.f16.f32 %0, %1;" : "=h"(h) : "f"(f)); return h; }
DEV u16 d2h(double d) { u16 h; asm("cvt.rn.f16.f64 %0, %1;" : "=h"(h) : "d"(d)); return h; }
DEV float rh(float f) { return h2f(f2h(f)); }
DEV float h_nextafter(float x, float y) {
  if (x != x || y != y) return x + y;
  if (x == y) return y;
  if (x == 0) return y > 0 ? 5.9604644775390625e-8f : -5.9604644775390625e-8f;
  u16 h = f2h(x);
  h = ((y > x) == (x > 0)) ? (u16)(h + 1) : (u16)(h - 1);
  return h2f(h);
}
`;

export const COMPLEX = String.raw`
struct cd { double re, im; };
DEV cd mk(double r, double i) { cd z; z.re = r; z.im = i; return z; }
DEV cd ldc(c64s s) { return mk(s.re, s.im); }
DEV cd ldc(c128s s) { return mk(s.re, s.im); }
DEV c64s st64(cd z) { c64s s; s.re = (float)z.re; s.im = (float)z.im; return s; }
DEV c128s st128(cd z) { c128s s; s.re = z.re; s.im = z.im; return s; }
DEV cd rc(cd z) { return mk((double)(float)z.re, (double)(float)z.im); }
DEV bool isinf_(double v) { return v == INFINITY || v == -INFINITY; }
DEV bool isfin_(double v) { return v - v == 0; }
DEV cd c_add(cd a, cd b) { return mk(a.re + b.re, a.im + b.im); }
DEV cd c_sub(cd a, cd b) { return mk(a.re - b.re, a.im - b.im); }
DEV cd c_mul(cd a, cd b) { return mk(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re); }
DEV cd c_div(cd a, cd b) {
  double abr = fabs(b.re), abi = fabs(b.im);
  if (abr >= abi) {
    if (abr == 0 && abi == 0) return mk(a.re / abr, a.im / abi);
    double rat = b.im / b.re, scl = 1.0 / (b.re + b.im * rat);
    return mk((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl);
  }
  double rat = b.re / b.im, scl = 1.0 / (b.im + b.re * rat);
  return mk((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl);
}
DEV cd c_recip(cd z) {
  if (fabs(z.im) <= fabs(z.re)) { double r = z.im / z.re, d = z.re + z.im * r; return mk(1.0 / d, -r / d); }
  double r = z.re / z.im, d = z.re * r + z.im; return mk(r / d, -1.0 / d);
}
DEV cd c_sqrt(cd z) {
  double x = z.re, y = z.im;
  if (isinf_(y)) return mk(INFINITY, y);
  if (x != x) return mk(x, y == y ? x : y);
  if (y != y) { if (x == INFINITY) return mk(x, y); if (x == -INFINITY) return mk(y, INFINITY); return mk(y, y); }
  if (x == -INFINITY) return mk(0.0, copysign(INFINITY, y));
  if (x == INFINITY) return mk(INFINITY, copysign(0.0, y));
  if (x == 0 && y == 0) return mk(0.0, y);
  double scale = 1, ax = fabs(x), ay = fabs(y);
  if (ax > 1e300 || ay > 1e300) { ax *= 0.25; ay *= 0.25; scale = 2; }
  else if (ax < 1e-300 && ay < 1e-300) { ax *= 1.329227995784916e36; ay *= 1.329227995784916e36; scale = 8.673617379884035e-19; }
  double t = sqrt((ax + hypot(ax, ay)) * 0.5);
  if (x >= 0) return mk(t * scale, copysign((ay / (2 * t)) * scale, y));
  return mk((ay / (2 * t)) * scale, copysign(t * scale, y));
}
DEV cd c_exp(cd z) {
  double x = z.re, y = z.im;
  if (y == 0) return mk(exp(x), y);
  if (!isfin_(y)) {
    if (x == -INFINITY) return mk(0.0, 0.0);
    if (x == INFINITY) return mk(INFINITY, NAN);
    return mk(NAN, NAN);
  }
  if (x == INFINITY) return mk(x * cos(y), x * sin(y));
  double e = exp(x);
  return mk(e * cos(y), e * sin(y));
}
DEV cd c_log(cd z) { return mk(log(hypot(z.re, z.im)), atan2(z.im, z.re)); }
DEV cd c_expm1(cd z) { double s = sin(z.im / 2); return mk(expm1(z.re) * cos(z.im) - 2 * s * s, exp(z.re) * sin(z.im)); }
DEV cd c_log1p(cd z) { return mk(log(hypot(z.re + 1, z.im)), atan2(z.im, z.re + 1)); }
DEV cd c_sinh(cd z) {
  double x = z.re, y = z.im; bool fx = isfin_(x), fy = isfin_(y);
  if (fx && fy) { if (y == 0) return mk(sinh(x), y); return mk(sinh(x) * cos(y), cosh(x) * sin(y)); }
  if (x == 0 && !fy) return mk(x, y - y);
  if (y == 0 && !fx) return mk(x, y);
  if (fx && !fy) return mk(y - y, y - y);
  if (isinf_(x)) { if (!fy) return mk(x, y - y); return mk(x * cos(y), INFINITY * sin(y)); }
  return mk(x * x * (y - y), (x + x) * (y - y));
}
DEV cd c_cosh(cd z) {
  double x = z.re, y = z.im; bool fx = isfin_(x), fy = isfin_(y);
  if (fx && fy) { if (y == 0) return mk(cosh(x), x * y); return mk(cosh(x) * cos(y), sinh(x) * sin(y)); }
  if (x == 0 && !fy) return mk(y - y, x * 0);
  if (y == 0 && !fx) return mk(x * x, copysign(0.0, x) * y);
  if (fx && !fy) return mk(y - y, x * (y - y));
  if (isinf_(x)) { if (!fy) return mk(x * x, x * (y - y)); return mk(x * x * cos(y), x * sin(y)); }
  return mk(x * x * (y - y), (x + x) * (y - y));
}
DEV cd c_tanh(cd z) {
  double x = z.re, y = z.im;
  if (x != x) return mk(x, y == 0 ? y : x);
  if (isinf_(x)) return mk(copysign(1.0, x), copysign(0.0, isinf_(y) ? y : sin(y) * cos(y)));
  if (!isfin_(y)) return mk(x == 0 ? x : y - y, y - y);
  if (fabs(x) >= 22) { double e = exp(-fabs(x)); return mk(copysign(1.0, x), 4 * sin(y) * cos(y) * e * e); }
  double t = tan(y), beta = 1 + t * t, s = sinh(x), rho = sqrt(1 + s * s), den = 1 + beta * s * s;
  return mk((beta * rho * s) / den, t / den);
}
DEV cd c_sin(cd z) { cd r = c_sinh(mk(-z.im, z.re)); return mk(r.im, -r.re); }
DEV cd c_cos(cd z) { return c_cosh(mk(-z.im, z.re)); }
DEV cd c_tan(cd z) { cd r = c_tanh(mk(-z.im, z.re)); return mk(r.im, -r.re); }
DEV cd c_asin(cd z) {
  double x = z.re, y = z.im;
  if (x != x || y != y) {
    if (x != x) return mk(x, isinf_(y) ? y : x);
    return mk(x == 0 ? x : y, isinf_(x) ? INFINITY : y);
  }
  if (fabs(x) > 1e150 || fabs(y) > 1e150) {
    double ax = fabs(x), ay = fabs(y);
    return mk(copysign(atan2(ax, ay), x), copysign(log(hypot(ax, ay)) + 0.69314718055994530942, y));
  }
  cd a = c_sqrt(mk(1 - x, -y)), b = c_sqrt(mk(1 + x, y));
  return mk(atan2(x, a.re * b.re - a.im * b.im), asinh(a.re * b.im - a.im * b.re));
}
DEV cd c_acos(cd z) {
  double x = z.re, y = z.im;
  if (x != x || y != y) {
    if (isinf_(y)) return mk(NAN, -y);
    if (x == 0 && y != y) return mk(1.5707963267948966, y);
    if (isinf_(x)) return mk(NAN, INFINITY);
    return mk(NAN, NAN);
  }
  if (fabs(x) > 1e150 || fabs(y) > 1e150) {
    cd l = c_log(mk(fabs(x), fabs(y)));
    double lr = l.re + 0.69314718055994530942, li = l.im;
    return mk(x >= 0 ? li : 3.141592653589793 - li, sbit(y) ? lr : -lr);
  }
  cd a = c_sqrt(mk(1 - x, -y)), b = c_sqrt(mk(1 + x, y));
  return mk(2 * atan2(a.re, b.re), asinh(b.re * a.im - b.im * a.re));
}
DEV cd c_acosh(cd z) {
  cd a = c_acos(z);
  if (a.im != a.im) return mk(a.im, a.re);
  cd r;
  if (a.im < 0 || (a.im == 0 && !sbit(z.im))) r = mk(-a.im, a.re); else r = mk(a.im, -a.re);
  if (r.re == 0) r.re = 0.0;
  return r;
}
DEV cd c_asinh(cd z) { cd r = c_asin(mk(-z.im, z.re)); return mk(r.im, -r.re); }
DEV cd c_atanh(cd z) {
  double x = z.re, y = z.im;
  if (x != x || y != y) {
    if (isinf_(x) || isinf_(y)) return mk(copysign(0.0, x), (isinf_(y) || y == y) ? copysign(1.5707963267948966, y) : y);
    if (x == 0) return mk(x, NAN);
    return mk(NAN, NAN);
  }
  if (isinf_(x) || isinf_(y) || fabs(x) > 1e150 || fabs(y) > 1e150) {
    double r = 1 / hypot(x, y);
    return mk((isinf_(x) || isinf_(y)) ? copysign(0.0, x) : (x * r) * r, copysign(1.5707963267948966, y));
  }
  double ax = fabs(x);
  if (ax == 1 && y == 0) return mk(copysign(INFINITY, x), y);
  double den = (1 - ax) * (1 - ax) + y * y;
  double re = 0.25 * log1p((4 * ax) / den);
  double im = 0.5 * atan2(2 * y, (1 - ax) * (1 + ax) - y * y);
  return mk(copysign(re, x), im);
}
DEV cd c_atan(cd z) { cd r = c_atanh(mk(-z.im, z.re)); return mk(r.im, -r.re); }
DEV cd c_sign(cd z) {
  double a = hypot(z.re, z.im);
  if (a != a) return mk(NAN, NAN);
  if (a == INFINITY) {
    if (isinf_(z.re) && isinf_(z.im)) return mk(NAN, NAN);
    return mk(isinf_(z.re) ? copysign(1.0, z.re) : 0.0, isinf_(z.im) ? copysign(1.0, z.im) : 0.0);
  }
  if (a == 0) return mk(0.0, 0.0);
  return mk(z.re / a, z.im / a);
}
DEV cd c_pow(cd a, cd b) {
  if (b.re == 0 && b.im == 0) return mk(1.0, 0.0);
  if (a.re == 0 && a.im == 0) return b.re > 0 ? mk(0.0, 0.0) : mk(NAN, NAN);
  if (b.im == 0 && b.re == trunc(b.re) && fabs(b.re) < 100) {
    int n = (int)fabs(b.re); cd p = mk(1.0, 0.0), x = a;
    while (n > 0) { if (n & 1) p = c_mul(p, x); n >>= 1; if (n > 0) x = c_mul(x, x); }
    return b.re < 0 ? c_div(mk(1.0, 0.0), p) : p;
  }
  cd l = c_log(a);
  return c_exp(mk(l.re * b.re - l.im * b.im, l.re * b.im + l.im * b.re));
}
DEV cd c_round(cd z) { return mk(rint(z.re), rint(z.im)); }
DEV bool c_nonzero(cd z) { return z.re != 0 || z.im != 0; }
DEV bool c_isnan(cd z) { return z.re != z.re || z.im != z.im; }
`;

/**
 * NumPy's sort order as a three-way compare (NaN last; complex lexicographic with NumPy's NaN
 * classes), in the value types the generator uses.
 */
export const ORDER = String.raw`
template<typename T> DEV int ord_cmp(T a, T b) {
  bool na = a != a, nb = b != b;
  if (na || nb) return (int)na - (int)nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
`;
export const ORDER_COMPLEX = String.raw`
DEV int ord_cmp(cd a, cd b) {
  int ca = (a.re != a.re ? 2 : 0) + (a.im != a.im ? 1 : 0), cb = (b.re != b.re ? 2 : 0) + (b.im != b.im ? 1 : 0);
  if (ca != cb) return ca - cb;
  if (a.re < b.re) return -1; if (a.re > b.re) return 1;
  if (a.im < b.im) return -1; if (a.im > b.im) return 1;
  return 0;
}
`;
