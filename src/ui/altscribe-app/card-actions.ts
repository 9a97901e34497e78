import type { AltscribeController } from '../../app/altscribe-controller';
import type { CardAction, CardActionExtra, CaptionCard } from '../caption-card/caption-card';
import { copyAltText } from '../shared/copy-as-control';

export interface CardActionEffects {
  announce(message: string): void;
  focusAfterDelete(): void;
}

type CardActionDetail = { id: string; action: CardAction; text: string } & CardActionExtra;

/**
 * What a button on a caption card does. Copy confirms on the card itself (the clipboard may
 * refuse); Delete is announced and moves focus, since the focused button disappears with it.
 */
export async function runCardAction(event: Event, controller: AltscribeController, effects: CardActionEffects): Promise<void> {
  const { id, action, text, confirmed, version } = (event as CustomEvent<CardActionDetail>).detail;
  const card = event.composedPath().find((n): n is CaptionCard => n instanceof HTMLElement && n.localName === 'caption-card');
  switch (action) {
    case 'copy':
      return card?.confirm(await copyAltText(text, controller.store.get(id)?.record.fileName ?? 'photo'));
    case 'approve':
      return controller.approve(id);
    case 'delete': {
      const name = controller.store.get(id)?.record.fileName ?? 'photo';
      await controller.remove(id);
      effects.announce(`Deleted ${name}.`);
      effects.focusAfterDelete();
      return;
    }
    case 'cancel':
      return controller.cancel(id);
    case 'retry':
      return controller.retry(id);
    case 'regenerate':
      // Unsaved typing is saved first, so the history keeps it.
      await controller.editText(id, text);
      return void (await controller.regenerate(id, { confirmed: confirmed === true }));
    case 'use-version':
      return void (await controller.useVersion(id, version ?? -1));
    case 'use-second-opinion': {
      const name = controller.store.get(id)?.record.fileName ?? 'photo';
      await controller.useSecondOpinion(id);
      effects.announce(`Using the second model's text for ${name}; the first text is in the history.`);
      return card?.focusText();
    }
  }
}
