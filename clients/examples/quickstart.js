// The README's quick start with the TypeScript client (@selene/client, compiled to JavaScript): an account,
// a face list, two people enrolled from a photo, then identified in it. Settings as in the README:
// SELENE (gateway URL), SELENE_ADMIN (login:password of the admin), PHOTOS (demo photos).
// Run: NODE_PATH=<a node_modules holding @selene/client> node clients/examples/quickstart.js
const fs = require('node:fs');
const path = require('node:path');
const selene = require('@selene/client');

const SELENE = process.env.SELENE || 'http://127.0.0.1:5000';
const ADMIN = process.env.SELENE_ADMIN || 'admin@selene.local:' + fs.readFileSync('var/admin-password', 'utf8').trim();
const PHOTOS = process.env.PHOTOS || 'var/test-photos';

function connect(loginPassword) { // a configuration that signs in as login:password
  const at = loginPassword.indexOf(':');
  return new selene.Configuration({ basePath: SELENE, username: loginPassword.slice(0, at), password: loginPassword.slice(at + 1) });
}

function image(file) { // a photo as the JSON body's base64 image
  return { image: fs.readFileSync(file).toString('base64'), filename: path.basename(file) };
}

async function main() {
  // 1. An account of your own, made by the admin
  const login = `quickstart-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = `demo-${Math.floor(Math.random() * 1e12)}`;
  await new selene.AccountsApi(connect(ADMIN)).createAccount({ accountCreate: { login, password, accountType: 'user' } });
  console.log(`account ${login}, password ${password}`);
  const me = connect(`${login}:${password}`);

  // 2. A face list
  const { listId } = await new selene.ListsApi(me).createList({ listCreate: { userData: 'quick start' } });
  console.log(`list ${listId}`);

  // 3. Enrol two people: detect (samples stored), extract a descriptor (temporary attribute), make a face
  const vision = new selene.VisionApi(me);
  const faces = new selene.FacesApi(me);
  async function enrol(photo, which, name) {
    const detected = await vision.detectFaces({ visionImages: { images: [image(photo)] } });
    const sampleId = detected.images[0].detections.samples[which].face.sampleId;
    const [attribute] = await vision.extractAttributes({ requestBody: [sampleId] });
    const face = await faces.createFace({ faceCreate: { attributeId: attribute.attributeId, userData: name, lists: [listId] } });
    console.log(`enrolled ${name}: face ${face.faceId}`);
    return face.faceId;
  }
  await enrol(`${PHOTOS}/sample1.jpg`, 0, 'Alice');
  const bob = await enrol(`${PHOTOS}/sample1.jpg`, 1, 'Bob');
  // The matcher follows Faces' changes every 200 ms: wait until it finds Bob.
  const matcher = new selene.MatcherApi(me);
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = await matcher.matchFaces({ matchRequest: {
      references: [{ type: 'face', id: bob }],
      candidates: [{ filters: { origin: 'faces', list_id: listId }, targets: ['user_data'] }] } });
    if (found[0].matches[0].candidates.some((candidate) => candidate.face.user_data === 'Bob')) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  // 4. Identify them in a photo: a handler matching every face against the list (similarity >= 0.5)
  const handlers = new selene.HandlersApi(me);
  const { handlerId } = await handlers.createHandler({ handlerCreate: { description: 'who is it', policies: {
    extractPolicy: { extractFaceDescriptor: 1 },
    matchPolicy: [{ label: 'people', candidates: { origin: 'faces', list_id: listId }, threshold: 0.5, limit: 1, targets: ['user_data'] }] } } });
  const answer = await handlers.generateEvents({ handlerId, imagesRequest: { images: [image(`${PHOTOS}/sample1.jpg`)] } });
  for (const event of answer.events) {
    const rect = event.detections[0].samples.face.detection.rect;
    const best = event.matches[0].candidates;
    const who = best.length ? `${best[0].face.user_data}, similarity ${best[0].similarity.toFixed(3)}` : 'not in the list';
    console.log(`face at x=${Math.trunc(rect.x)} y=${Math.trunc(rect.y)}: ${who}`);
  }
}

main().catch(async (error) => {
  // A refusal is a ResponseError whose response carries the LUNA error body.
  console.error(error.response ? `${error.response.status} ${await error.response.text()}` : error);
  process.exit(1);
});
