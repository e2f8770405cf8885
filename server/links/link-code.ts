import { randomBytes } from 'node:crypto';

/** 144 random bits, base64url (24 characters): a short link cannot be guessed or walked. */
export const newLinkCode = () => randomBytes(18).toString('base64url');

export const newLinkId = () => `lnk_${randomBytes(12).toString('base64url')}`;

export const newJobId = () => `lnj_${randomBytes(12).toString('base64url')}`;

/** What a code looks like; anything else is answered 404 without a database read. */
export const LINK_CODE_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

export const shortLinkUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/l/${code}`;
