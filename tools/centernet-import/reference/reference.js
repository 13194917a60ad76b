#!/usr/bin/env node
// TF.js reference run of @vladmandic/human's CenterNet (models/centernet.json + centernet.bin),
// with the pure-JavaScript CPU backend (fp32), used by vision-engine's CenterNetConversionTest.
//
// Usage: node reference.js <centernet.json> <input.f32>...
//   input.f32   float32 little-endian NHWC [1,512,512,3] (RGB 0..255), as given to the model
//   writes      <input.f32>.keypoints.f32  NHWC [1,128,128,80]  (tower_0/keypoints)
//               <input.f32>.wh.f32         NHWC [1,128,128,4]   (tower_0/wh)
// Node modules: NODE_PATH or a node_modules next to this file (tools/centernet-import/install-reference).
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');

async function main() {
  const [jsonPath, ...inputs] = process.argv.slice(2);
  if (inputs.length === 0) {
    console.error('usage: node reference.js <centernet.json> <input.f32>...');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const model = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const dir = path.dirname(jsonPath);
  const specs = [];
  const buffers = [];
  for (const group of model.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const graph = await converter.loadGraphModel(tf.io.fromMemory({
    modelTopology: model.modelTopology, weightSpecs: specs, weightData,
    format: model.format, generatedBy: model.generatedBy, convertedBy: model.convertedBy,
  }));
  for (const inputPath of inputs) {
    const raw = fs.readFileSync(inputPath);
    const expected = 512 * 512 * 3 * 4;
    if (raw.length !== expected) throw new Error(`${inputPath} has ${raw.length} bytes, expected ${expected}`);
    const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const input = tf.tensor4d(values, [1, 512, 512, 3], 'float32');
    const [keypoints, wh] = graph.execute({ 'tower_0/images': input }, ['tower_0/keypoints', 'tower_0/wh']);
    fs.writeFileSync(`${inputPath}.keypoints.f32`, Buffer.from((await keypoints.data()).buffer));
    fs.writeFileSync(`${inputPath}.wh.f32`, Buffer.from((await wh.data()).buffer));
    console.log(`reference: ${inputPath} -> ${keypoints.shape} ${wh.shape} (tfjs-core ${tf.version_core}, backend ${tf.getBackend()})`);
    tf.dispose([input, keypoints, wh]);
  }
}

main().catch((e) => { console.error(`reference: ERROR: ${e.stack || e}`); process.exit(1); });
