// The gear: a small panel over the picture with the quality (Auto says which rung it plays now), the
// speed and the captions (when the video has some). It closes on Escape, on a click outside it and on the gear again.
import { type RefObject, useEffect, useId, useRef } from 'react';
import { CaptionsMenu } from './CaptionsMenu.js';
import { PlayerButton } from './PlayerButton.js';
import { QualityMenu } from './QualityMenu.js';
import { SpeedMenu } from './SpeedMenu.js';
import type { CaptionChoice } from './useCaptions.js';
import type { QualityLevel } from './useHlsPlayback.js';

export interface QualityChoice {
  levels: QualityLevel[];
  chosenLevel: number;
  playingLevel: number;
  chooseLevel: (index: number) => void;
}

interface SettingsMenuProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  quality: QualityChoice;
  speed: number;
  onSpeed: (speed: number) => void;
  captions: CaptionChoice;
}

export function SettingsMenu({ open, onOpenChange, quality, speed, onSpeed, captions }: SettingsMenuProps) {
  const panelId = useId();
  const box = useRef<HTMLDivElement>(null);
  useClosingOutside(box, open, () => onOpenChange(false));
  return (
    <div className="player-settings" ref={box}>
      <PlayerButton
        label="Settings"
        icon="settings"
        expanded={open}
        controls={panelId}
        onClick={() => onOpenChange(!open)}
      />
      {open && (
        <fieldset id={panelId} className="player-settings-panel">
          <legend className="visually-hidden">Playback settings</legend>
          <QualityMenu
            levels={quality.levels}
            chosenLevel={quality.chosenLevel}
            playingLevel={quality.playingLevel}
            onChoose={quality.chooseLevel}
          />
          <SpeedMenu speed={speed} onChoose={onSpeed} />
          <CaptionsMenu captions={captions} />
        </fieldset>
      )}
    </div>
  );
}

function useClosingOutside(box: RefObject<HTMLElement | null>, open: boolean, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) close();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      close();
      box.current?.querySelector('button')?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [box, open, close]);
}
