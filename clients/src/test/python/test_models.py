"""The generated Python client reads the platform's answers and writes requests the platform accepts.

Answers are the shapes the services document (handlers-service README, matcher-service README); the
run against a live platform is platform-launcher's ClientQuickStartTest.
"""
import json
import unittest

import selene_client
from selene_client import models


EVENTS_ANSWER = {
    "events": [{
        "event_id": "0190f0c4-5f2a-7b7e-8c2d-1a2b3c4d5e6f", "url": "/6/events/0190f0c4-5f2a-7b7e-8c2d-1a2b3c4d5e6f",
        "handler_id": "5d7a5b3e-0d4e-4d2e-9d71-0f5a2a6f4c11", "account_id": "9a0c7a4e-2b1d-4c53-8c1e-5a8e1f6f0d21",
        "create_time": "2026-12-06T20:00:00.123456+00:00", "end_time": "2026-12-06T20:00:00.123456+00:00",
        "detections": [{"detect_time": "2026-12-06T20:00:00.123456+00:00", "filename": "party.jpg",
                        "samples": {"face": {"detection": {"rect": {"x": 391, "y": 360, "width": 232, "height": 232},
                                                           "score": 0.99985, "landmarks5": [[1.5, 2.5]]}}}}],
        "matches": [{"label": "people", "candidates": [
            {"face": {"face_id": "3f6b6a5e-1b7e-4a4e-9d0c-6d0b0f1b2c3d", "user_data": "Alice"}, "similarity": 0.99712}]}],
        "top_match": {"face_id": "3f6b6a5e-1b7e-4a4e-9d0c-6d0b0f1b2c3d", "similarity": 0.99712, "label": "people"},
        "something_new": "an answer field this client does not know yet is ignored",
    }],
    "images": [{"filename": "party.jpg", "status": 1}],
}


class ModelsTest(unittest.TestCase):

    def test_handler_events_answer_is_typed(self):
        answer = models.HandlerEvents.from_dict(EVENTS_ANSWER)
        event = answer.events[0]
        self.assertEqual(event.detections[0].samples.face.detection.rect.x, 391)
        self.assertEqual(event.matches[0].candidates[0].face["user_data"], "Alice")
        self.assertAlmostEqual(event.matches[0].candidates[0].similarity, 0.99712)
        self.assertEqual(event.create_time.year, 2026)

    def test_error_body_is_typed(self):
        error = models.LunaError.from_json(json.dumps(
            {"error_code": 22002, "desc": "Object not found", "detail": "Face not found", "link": "/docs/errors#code-22002"}))
        self.assertEqual(error.error_code, 22002)
        self.assertEqual(error.link, "/docs/errors#code-22002")

    def test_requests_send_only_the_fields_given(self):
        # The services refuse unknown fields, and a null where a value is expected: nothing unset is sent.
        face = models.FaceCreate(attribute_id="9a0c7a4e-2b1d-4c53-8c1e-5a8e1f6f0d21", user_data="Alice",
                                 lists=["0c33a6c4-0a1e-4b8f-a8e2-1f5a7d2d9b10"])
        self.assertEqual(face.to_dict(), {"attribute_id": "9a0c7a4e-2b1d-4c53-8c1e-5a8e1f6f0d21", "user_data": "Alice",
                                          "lists": ["0c33a6c4-0a1e-4b8f-a8e2-1f5a7d2d9b10"]})
        handler = models.HandlerCreate(description="who is it", policies=models.HandlerPolicies(
            extract_policy=models.ExtractPolicy(extract_face_descriptor=1),
            match_policy=[models.MatchPolicy(label="people", candidates={"origin": "faces", "list_id": "x"},
                                             threshold=0.5, limit=1, targets=["user_data"])]))
        self.assertEqual(handler.to_dict()["policies"], {
            "extract_policy": {"extract_face_descriptor": 1},
            "match_policy": [{"label": "people", "candidates": {"origin": "faces", "list_id": "x"},
                              "threshold": 0.5, "limit": 1, "targets": ["user_data"]}]})

    def test_request_values_are_checked_before_sending(self):
        with self.assertRaises(ValueError):
            models.LinkerRequest(action="merge", list_id="0c33a6c4-0a1e-4b8f-a8e2-1f5a7d2d9b10", face_ids=["a"])

    def test_every_route_group_has_an_api(self):
        for name in ("AccountsApi", "FacesApi", "ListsApi", "HandlersApi", "VisionApi", "MatcherApi", "EventsApi",
                     "VerifiersApi", "TasksApi", "AdminApi", "ImagesApi", "LicenseApi", "LivenessApi"):
            self.assertTrue(hasattr(selene_client, name), name)
        self.assertEqual(selene_client.__version__, "0.1.0")
        self.assertTrue(hasattr(selene_client.FacesApi, "create_face"))
        self.assertTrue(hasattr(selene_client.HandlersApi, "generate_events"))


if __name__ == "__main__":
    unittest.main()
