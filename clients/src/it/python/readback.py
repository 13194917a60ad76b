# Run after the README's Python quick start, in the same interpreter (ClientQuickStartTest appends it): reads
# back what the quick start made through the Python client, so the typed answer models of these routes are
# checked against real answers, not only the quick start's own.
faces_api, events_api, accounts_api = selene.FacesApi(me), selene.EventsApi(me), selene.AccountsApi(me)
lists_api = selene.ListsApi(me)
assert lists_api.get_list(list_id).face_count == 2
assert lists_api.get_lists(list_ids=list_id).lists[0].user_data == "quick start"
assert lists_api.count_lists().lists_count == 1
stored = faces_api.get_faces(list_id=list_id)
assert sorted(face.user_data for face in stored.faces) == ["Alice", "Bob"], stored
assert faces_api.count_faces(list_id=list_id).faces_count == 2
face = faces_api.get_face(stored.faces[0].face_id)
assert face.lists == [list_id] and face.create_time.year >= 2024, face
assert faces_api.get_face_attributes(face.face_id).attributes.descriptors[0].version == 201
handler = handlers.get_handler(handler_id)
assert handler.policies.match_policy[0].label == "people" and handler.policies.match_policy[0].limit == 1, handler
assert handlers.count_handlers().handlers_count == 1
events = events_api.get_events(handler_ids=handler_id, page_size=100)
assert len(events.events) == len(answer.events), events
event = events_api.get_event(answer.events[0].event_id)
assert event.handler_id == handler_id and event.detections[0].samples.face.detection.rect.width > 0, event
token = accounts_api.create_token(token_create=models.TokenCreate(description="read back", permissions={"face": ["view"]}))
assert accounts_api.get_token(token.token_id).permissions["face"] == ["view"]
try:
    faces_api.get_face("00000000-0000-4000-8000-000000000000")
    raise AssertionError("an unknown face was found")
except selene.ApiException as refused:
    error = models.LunaError.from_json(refused.body)
    assert refused.status == 404 and error.error_code == 22002 and error.link.endswith("#code-22002"), refused.body
print("read back through the client: lists, faces, attributes, handler, events, token, LUNA error")
