CREATE TABLE `fields` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` integer NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`level` integer NOT NULL,
	`categories` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fields_record` ON `fields` (`record_id`);--> statement-breakpoint
CREATE INDEX `fields_level` ON `fields` (`level`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`path` text NOT NULL,
	`sha256` text,
	`fingerprint` text NOT NULL,
	`size` integer,
	`importer` text,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`records_seen` integer DEFAULT 0 NOT NULL,
	`records_added` integer DEFAULT 0 NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`checkpoint` text
);
--> statement-breakpoint
CREATE INDEX `imports_fingerprint` ON `imports` (`fingerprint`,`status`);--> statement-breakpoint
CREATE TABLE `records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`kind` text NOT NULL,
	`natural_key` text NOT NULL,
	`occurred_at` integer,
	`title` text,
	`text` text,
	`url` text,
	`import_id` integer,
	`importer` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `records_platform_natural_key` ON `records` (`platform`,`natural_key`);--> statement-breakpoint
CREATE INDEX `records_platform_kind_time` ON `records` (`platform`,`kind`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `records_time` ON `records` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `records_import` ON `records` (`import_id`);