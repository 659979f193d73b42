import { api } from '../../app/api';
import type { Page } from '../../app/api';

/** Mirrors src/modules/board/board.schemas.ts. */
export type BoardStatus = 'submitted' | 'received' | 'handling' | 'replied' | 'closed';
export type BoardRating = 'satisfied' | 'basically' | 'unsatisfied';

export interface PublicMessage {
  /** The public number: the list links to /board/p/:id. */
  id: number;
  /** The query code, only when the citizen opened the message with it (/board/m/:code). */
  code: string | null;
  title: string;
  body: string;
  nickname: string;
  postedAt: string;
  status: BoardStatus;
  reply: {
    text: string;
    unit: string;
    at: string;
    /** The citizen's rating, given here or recorded by staff. */
    rating: BoardRating | null;
    /** Published, not yet rated and not archived: the page offers the rating form. */
    rateable: boolean;
  } | null;
}

export interface BoardAbout {
  orgName: string | null;
  limits: {
    title: { min: number; max: number };
    body: { min: number; max: number };
    contact: { max: number };
    nickname: { max: number };
    ratingNote: { max: number };
  };
}

export interface Challenge {
  id: string;
  difficulty: number;
  expiresAt: string;
}

export interface MessageInput {
  title: string;
  body: string;
  contact?: string;
  nickname?: string;
}

export interface MessageReceipt {
  code: string | null;
  duplicate: boolean;
}

export function boardAbout(signal?: AbortSignal): Promise<BoardAbout> {
  return api<BoardAbout>('/api/board/about', { signal });
}

export function listMessages(
  query: { q?: string; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<Page<PublicMessage>> {
  return api<Page<PublicMessage>>('/api/board/messages', { query, signal });
}

export function getMessage(code: string, signal?: AbortSignal): Promise<PublicMessage> {
  return api<PublicMessage>(`/api/board/messages/${encodeURIComponent(code)}`, { signal });
}

export function getPublicMessage(id: number, signal?: AbortSignal): Promise<PublicMessage> {
  return api<PublicMessage>(`/api/board/posts/${id}`, { signal });
}

export function getChallenge(): Promise<Challenge> {
  return api<Challenge>('/api/board/challenge');
}

export function sendMessage(
  input: MessageInput & { challengeId: string; nonce: string },
): Promise<MessageReceipt> {
  return api<MessageReceipt>('/api/board/messages', { method: 'POST', body: input });
}

/** The citizen's rating of the published reply; answers the message as it now stands. */
export function rateReply(
  code: string,
  input: { rating: BoardRating; note?: string; challengeId: string; nonce: string },
): Promise<PublicMessage> {
  return api<PublicMessage>(`/api/board/messages/${encodeURIComponent(code)}/rating`, {
    method: 'POST',
    body: input,
  });
}

/** Counted as the server counts: by characters, not UTF-16 units. */
export const charCount = (text: string) => [...text].length;

/** What a citizen types back: case, spaces and dashes do not matter. */
export const normaliseCode = (raw: string) => raw.replace(/[\s-]/g, '').toUpperCase();
