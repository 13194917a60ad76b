// The generated TypeScript client (compiled to dist/) reads the platform's answers and writes requests the
// platform accepts. The run against a live platform is platform-launcher's ClientQuickStartTest.
const { test } = require('node:test');
const assert = require('node:assert');
const client = require(process.env.SELENE_TS_CLIENT);

test('a handler events answer is typed', () => {
  const answer = client.HandlerEventsFromJSON({
    events: [{
      event_id: 'e1', create_time: '2026-12-06T20:00:00.123456+00:00',
      detections: [{ samples: { face: { detection: { rect: { x: 391, y: 360, width: 232, height: 232 }, score: 0.99 } } } }],
      matches: [{ label: 'people', candidates: [{ face: { user_data: 'Alice' }, similarity: 0.99712 }] }],
    }],
    images: [{ filename: 'party.jpg', status: 1 }],
  });
  const event = answer.events[0];
  assert.strictEqual(event.detections[0].samples.face.detection.rect.x, 391);
  assert.strictEqual(event.matches[0].candidates[0].face.user_data, 'Alice');
  assert.ok(event.createTime instanceof Date);
});

test('requests carry LUNA field names and only the fields given', () => {
  const body = client.FaceCreateToJSON({ attributeId: 'a1', userData: 'Alice', lists: ['l1'] });
  assert.deepStrictEqual(JSON.parse(JSON.stringify(body)), { attribute_id: 'a1', user_data: 'Alice', lists: ['l1'] });
});

test('the error body is typed', () => {
  const error = client.LunaErrorFromJSON({ error_code: 22002, desc: 'Object not found', detail: 'x', link: '/docs/errors#code-22002' });
  assert.strictEqual(error.errorCode, 22002);
});

test('every route group has an API class', () => {
  for (const name of ['AccountsApi', 'FacesApi', 'ListsApi', 'HandlersApi', 'VisionApi', 'MatcherApi', 'EventsApi',
    'VerifiersApi', 'TasksApi', 'AdminApi', 'ImagesApi', 'LicenseApi', 'LivenessApi']) {
    assert.strictEqual(typeof client[name], 'function', name);
  }
});
