CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`destination` text NOT NULL,
	`purpose` text NOT NULL,
	`basis` text NOT NULL,
	`mode` text NOT NULL,
	`autonomy` text NOT NULL,
	`disclosed` text NOT NULL,
	`record_count` integer NOT NULL,
	`field_count` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_destination` ON `audit_log` (`destination`,`at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sharing_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`destination` text NOT NULL,
	`platform` text,
	`kind` text,
	`field` text,
	`category` text,
	`min_level` integer,
	`decision` text NOT NULL,
	`created_at` integer NOT NULL,
	`note` text
);
--> statement-breakpoint
ALTER TABLE `fields` ADD `spans` text DEFAULT '[]' NOT NULL;