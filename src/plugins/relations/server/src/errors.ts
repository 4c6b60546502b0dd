// One 409 convention across the plugins: the pipeline's refused-move error and its responder.
export { ConflictError } from '../../../pipeline/server/src/errors';
export { withConflicts } from '../../../pipeline/server/src/controllers/respond';
