-- A blocked account keeps its data but can neither log in nor use its tokens until an admin unblocks it.
ALTER TABLE accounts.accounts ADD COLUMN blocked boolean NOT NULL DEFAULT false;
