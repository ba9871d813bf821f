// Likes and dislikes: one per person per video.
export type ReactionValue = 'like' | 'dislike';

export interface ReactionCounts {
  likes: number;
  dislikes: number;
}

/** The counts after a change, and the reaction of the person who made it. */
export interface ReactionOutcome extends ReactionCounts {
  mine: ReactionValue | undefined;
}
