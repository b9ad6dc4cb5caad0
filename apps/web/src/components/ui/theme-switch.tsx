// The theme switch: System, Light or Dark as a radio group; the choice applies at once and is
// remembered on this device.
import { useId, useState } from 'react';
import { readThemeChoice, saveThemeChoice, THEME_CHOICES, type ThemeChoice } from '@/lib/theme';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  const name = useId();
  return (
    <fieldset className="theme-switch">
      <legend className="theme-switch__legend">Theme</legend>
      <div className="theme-switch__options">
        {THEME_CHOICES.map((option) => (
          <label key={option} className="theme-switch__option">
            <input
              type="radio"
              name={name}
              value={option}
              checked={choice === option}
              onChange={() => {
                setChoice(option);
                saveThemeChoice(option);
              }}
            />
            <span>{LABELS[option]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
