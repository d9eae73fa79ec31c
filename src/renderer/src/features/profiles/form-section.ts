import type { ChangeEvent } from "react";
import type { ProfileFormState } from "./profile-form.model";

/** Binds a box of the profile form to its state key (checkboxes by `checked`, the rest by `value`). */
export type SetField = (
  key: keyof ProfileFormState,
) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;

/** `aria-invalid` for a box whose field main named in its last answer. */
export type InvalidAttrs = (name: string) => { "aria-invalid"?: true };

/** What every part of the profile form gets. */
export interface FormSectionProps {
  form: ProfileFormState;
  set: SetField;
  invalid: InvalidAttrs;
}
