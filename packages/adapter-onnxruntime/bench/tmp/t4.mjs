import ort from 'onnxruntime-node';
const N = 200000; const d = new Float32Array(4);
let t = performance.now(); for (let i = 0; i < N; i++) new ort.Tensor('float32', d, [4]); console.log('ort.Tensor µs', (performance.now() - t) / N * 1000);
t = performance.now(); for (let i = 0; i < N; i++) new Float32Array(4); console.log('f32(4) µs', (performance.now() - t) / N * 1000);
t = performance.now(); for (let i = 0; i < N; i++) { const m = new Map(); m.set(d, 1); } console.log('map µs', (performance.now() - t) / N * 1000);
