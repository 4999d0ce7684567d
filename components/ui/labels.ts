import { i18n } from '#i18n';
import { isDefaultStageId } from '@/lib/domain/stage-ids';

/** Localised label of a stage id; custom stage sets (later) fall back to the id itself. */
export function stageLabel(stageId: string): string {
  return isDefaultStageId(stageId) ? i18n.t(`stage.${stageId}`) : stageId;
}
