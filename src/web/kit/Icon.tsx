// An icon from the Bootstrap Italia sprite; decorative unless given a title.

/**
 * `name`: the sprite's symbol (`it-calendar`); `class`: its classes (`icon` by default, e.g. `icon icon-primary`);
 * `title`: makes it an image with that name, otherwise it is hidden from screen readers.
 * Examples: src/web/kit/catalogue.tsx (`icon`, `icon-titled`).
 */
export function Icon({ name, class: cls = 'icon', title }: { name: string; class?: string; title?: string }) {
  return (
    <svg class={cls} aria-hidden={title ? undefined : 'true'} role={title ? 'img' : undefined} focusable="false">
      {title ? <title>{title}</title> : null}
      <use href={`/assets/bi/svg/sprites.svg#${name}`}></use>
    </svg>
  );
}
