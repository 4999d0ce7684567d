import { i18n } from '@/lib/i18n/cached-messages';
import { isDefaultStageId, isRelationshipStageId } from '@/lib/domain/stage-ids';

/** Localised label of a preset stage id; anything else (a stage from an imported record) shows as its id. */
export function stageLabel(stageId: string): string {
  return isDefaultStageId(stageId) || isRelationshipStageId(stageId) ? i18n.t(`stage.${stageId}`) : stageId;
}
