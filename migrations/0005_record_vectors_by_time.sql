DROP INDEX `record_vectors_model`;--> statement-breakpoint
CREATE INDEX `record_vectors_model_embedded` ON `record_vectors` (`model`,`embedded_at`);