#!/usr/bin/env node
// Runs the liveness code of faceplugin-face-recognition-js@0.0.1 itself (package/lib/fr_liveness.js,
// with softmax from package/lib/fr_pose.js) in Node: the package's own OpenCV.js build
// (package/js/opencv.js + opencv_js.wasm) and onnxruntime-web (wasm backend, one thread), the runtime
// the package's JavaScript imports. Used by vision-engine's LivenessReferenceTest.
//
// The package's files are evaluated unchanged except that their `import`/`export` lines are dropped:
// the imported names (InferenceSession, Tensor, ndarray, ops, softmax) and the global `cv` are given
// to them instead. cv.imread (a canvas read in a browser) returns the test's image as an RGBA Mat,
// which is what imread gives for a canvas.
//
// Usage: node reference.js <package dir> <input.json>...
//   <package dir>  the unpacked npm tarball (the folder holding lib/, js/ and model/)
//   input.json     {"rgba": "<file of width*height*4 bytes>", "width": W, "height": H,
//                   "boxes": [[x1, y1, x2, y2], ...]}   (image pixels, face boxes as the detector gives them)
//   writes         <input.json>.out.txt, one line per box: <predictLiveness's score> <crop file> <input file>,
//                  with per box
//                   <input.json>.<i>.crop.rgba   the 128x128 RGBA crop of alignLivenessImage
//                   <input.json>.<i>.input.f32   the float32 NCHW [1,3,128,128] tensor of preprocessLiveness
// Node modules: NODE_PATH or a node_modules next to this file (tools/liveness-reference/install-reference).
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

function body(file) {
  return fs.readFileSync(file, 'utf8').replace(/^\s*import\s.*$/mg, '').replace(/^\s*export\s.*$/mg, '');
}

async function openCv(pkg) {
  const ready = new Promise((resolve) => {
    global.Module = {
      wasmBinary: fs.readFileSync(path.join(pkg, 'js', 'opencv_js.wasm')),
      onRuntimeInitialized: resolve,
      print: () => {},
      printErr: () => {},
    };
  });
  const cv = require(path.join(pkg, 'js', 'opencv.js'));
  await ready;
  // The Emscripten module is a thenable that resolves to itself: hand it out wrapped, or awaiting it loops.
  return { cv };
}

async function main() {
  const [pkg, ...inputs] = process.argv.slice(2);
  if (!pkg || inputs.length === 0) {
    console.error('usage: node reference.js <package dir> <input.json>...');
    process.exit(2);
  }
  const ort = require('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  const ndarray = require('ndarray');
  const ops = require('ndarray-ops');
  const { cv } = await openCv(pkg);
  const quiet = { log: () => {}, warn: () => {}, error: console.error };
  const context = vm.createContext({
    cv, ndarray, ops, InferenceSession: ort.InferenceSession, Tensor: ort.Tensor, console: quiet,
    Math, Float32Array, parseInt, Promise, Image: undefined,
  });
  vm.runInContext(body(path.join(pkg, 'lib', 'fr_pose.js')), context, { filename: 'fr_pose.js' });
  vm.runInContext(body(path.join(pkg, 'lib', 'fr_liveness.js')), context, { filename: 'fr_liveness.js' });
  const session = await ort.InferenceSession.create(fs.readFileSync(path.join(pkg, 'model', 'fr_liveness.onnx')),
    { executionProviders: ['wasm'] });

  for (const inputPath of inputs) {
    const input = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
    const rgba = fs.readFileSync(path.resolve(path.dirname(inputPath), input.rgba));
    if (rgba.length !== input.width * input.height * 4) {
      throw new Error(`${input.rgba} has ${rgba.length} bytes, expected ${input.width * input.height * 4}`);
    }
    const image = () => {
      const mat = new cv.Mat(input.height, input.width, cv.CV_8UC4);
      mat.data.set(rgba);
      return mat;
    };
    cv.imread = () => image();
    const faces = [];
    for (let i = 0; i < input.boxes.length; i++) {
      const [x1, y1, x2, y2] = input.boxes[i];
      // The package's own steps on their own: the crop and the tensor, for a pixel-exact comparison.
      const img = image();
      const crop = context.alignLivenessImage(img, [parseInt(x1), parseInt(y1), Math.abs(parseInt(x2) - parseInt(x1)),
        Math.abs(parseInt(y2) - parseInt(y1))], 2.7);
      const tensor = context.preprocessLiveness(crop);
      const cropFile = `${inputPath}.${i}.crop.rgba`;
      const inputFile = `${inputPath}.${i}.input.f32`;
      fs.writeFileSync(cropFile, Buffer.from(crop.data));
      fs.writeFileSync(inputFile, Buffer.from(new Float32Array(tensor.data).buffer));
      crop.delete();
      img.delete();
      // And the package's whole function, as a page would call it.
      const result = await context.predictLiveness(session, 'canvas', { shape: [1, 4], data: [x1, y1, x2, y2] });
      faces.push({ liveness: result[0][4], crop: path.basename(cropFile), input: path.basename(inputFile) });
    }
    fs.writeFileSync(`${inputPath}.out.txt`, faces.map((f) => `${f.liveness} ${f.crop} ${f.input}\n`).join(''));
    console.log(`reference: ${inputPath} -> ${faces.map((f) => f.liveness.toFixed(6)).join(', ')}`);
  }
}

main().catch((e) => { console.error(`reference: ERROR: ${e.stack || e}`); process.exit(1); });
