// An icon from the Bootstrap Italia sprite; decorative unless given a title.
export function Icon({ name, class: cls = 'icon', title }: { name: string; class?: string; title?: string }) {
  return (
    <svg class={cls} aria-hidden={title ? undefined : 'true'} role={title ? 'img' : undefined} focusable="false">
      {title ? <title>{title}</title> : null}
      <use href={`/assets/bi/svg/sprites.svg#${name}`}></use>
    </svg>
  );
}
