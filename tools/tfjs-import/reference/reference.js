#!/usr/bin/env node
// TF.js reference run of a TF.js graph model (model.json + its .bin files) with the pure-JavaScript
// CPU backend (fp32), used by vision-engine's conversion tests (CenterNetConversionTest,
// MobileFaceConversionTest) to check the models tools/tfjs-import converted.
//
// Usage: node reference.js <model.json> <input name> <NHWC shape, e.g. 1,512,512,3> <output,...> <input.f32>...
//   input.f32   float32 little-endian NHWC tensor of the given shape, as given to the model
//   writes      <input.f32>.<last path part of each output>.f32, in the model's (NHWC) layout
//               (tower_0/keypoints -> <input.f32>.keypoints.f32)
// Node modules: NODE_PATH or a node_modules next to this file (tools/tfjs-import/install-reference).
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');

async function main() {
  const [jsonPath, inputName, shapeText, outputText, ...inputs] = process.argv.slice(2);
  if (inputs.length === 0) {
    console.error('usage: node reference.js <model.json> <input name> <shape> <output,...> <input.f32>...');
    process.exit(2);
  }
  const shape = shapeText.split(',').map(Number);
  const outputs = outputText.split(',');
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
  const expected = shape.reduce((a, b) => a * b, 1) * 4;
  for (const inputPath of inputs) {
    const raw = fs.readFileSync(inputPath);
    if (raw.length !== expected) throw new Error(`${inputPath} has ${raw.length} bytes, expected ${expected}`);
    const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const input = tf.tensor(values, shape, 'float32');
    const results = [].concat(graph.execute({ [inputName]: input }, outputs));
    for (let i = 0; i < outputs.length; i++) {
      const suffix = outputs[i].split('/').pop();
      fs.writeFileSync(`${inputPath}.${suffix}.f32`, Buffer.from((await results[i].data()).buffer));
    }
    console.log(`reference: ${inputPath} -> ${results.map((r) => r.shape).join(' ')} (tfjs-core ${tf.version_core}, backend ${tf.getBackend()})`);
    tf.dispose([input, ...results]);
  }
}

main().catch((e) => { console.error(`reference: ERROR: ${e.stack || e}`); process.exit(1); });
