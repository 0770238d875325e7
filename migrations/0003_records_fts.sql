-- Full-text index over the records' titles and search texts. It holds no copy of the text
-- (content='records'); triggers keep it in step with every insert, update and delete, however
-- the rows are written, and the last statement indexes the records already in the vault.
-- remove_diacritics 2: "cafe" finds "café", "Zoe" finds "Zoë".
CREATE VIRTUAL TABLE `records_fts` USING fts5(
	`title`,
	`text`,
	content='records',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `records_fts_insert` AFTER INSERT ON `records` BEGIN
	INSERT INTO `records_fts` (rowid, `title`, `text`) VALUES (new.`id`, new.`title`, new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `records_fts_delete` AFTER DELETE ON `records` BEGIN
	INSERT INTO `records_fts` (`records_fts`, rowid, `title`, `text`) VALUES ('delete', old.`id`, old.`title`, old.`text`);
	DELETE FROM `record_vectors` WHERE `record_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `records_fts_update` AFTER UPDATE OF `title`, `text` ON `records` BEGIN
	INSERT INTO `records_fts` (`records_fts`, rowid, `title`, `text`) VALUES ('delete', old.`id`, old.`title`, old.`text`);
	INSERT INTO `records_fts` (rowid, `title`, `text`) VALUES (new.`id`, new.`title`, new.`text`);
	-- The record's text changed, so its vector no longer says what it holds.
	DELETE FROM `record_vectors` WHERE `record_id` = new.`id`;
END;
--> statement-breakpoint
INSERT INTO `records_fts` (`records_fts`) VALUES ('rebuild');
