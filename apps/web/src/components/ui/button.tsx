// Buttons in the app's four looks; `isLoading` keeps the label and marks the button busy.
import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export function buttonClass(
  variant: ButtonVariant = 'secondary',
  size: 'md' | 'sm' = 'md',
): string {
  return `button button--${variant}${size === 'sm' ? ' button--sm' : ''}`;
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  isLoading?: boolean;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  isLoading = false,
  className,
  type = 'button',
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={`${buttonClass(variant, size)}${className ? ` ${className}` : ''}`}
      disabled={disabled === true || isLoading}
      aria-busy={isLoading || undefined}
    >
      {isLoading && <Spinner size="sm" />}
      {children}
    </button>
  );
}
