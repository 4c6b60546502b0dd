import checklistResult from './checklist-result';
import erasureRecord from './erasure-record';
import event from './event';
import stage from './stage';
import transition from './transition';
import workflow from './workflow';

export default {
  workflow,
  stage,
  transition,
  event,
  'erasure-record': erasureRecord,
  'checklist-result': checklistResult,
};
