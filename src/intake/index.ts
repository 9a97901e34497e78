/** Intake: from dropped or picked files and folders to the steps that make (or find) their cards. */
export { inspectFile, sha256Hex, type FileInspection, type FileInspector } from './inspect-file';
export { intakeKeyOfItem, intakeKeyOfRecord, planIntake, queuesCaption, skippedReason, type IntakeStep, type KnownItem } from './intake-plan';
export { Intake, type IntakeHost } from './intake';
export { chunkDue, INSPECTING, INTAKE_CHUNK, intakeSummary, runIntake, type IntakeRun, type PlannedStep } from './run-intake';
export { WorkAhead } from './work-ahead';
export { droppedFolders, itemsFromPickedFolder, readAllEntries, walkEntry, type DropItemLike, type EntryLike, type IntakeItem } from './walk-entries';
