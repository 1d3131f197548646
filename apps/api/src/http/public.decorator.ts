import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'bastion:public';

/** Marks a route that needs no admin key (health, metrics). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
