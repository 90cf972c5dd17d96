import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import { channelPeoplePath, readChannelPeople } from './channel-people.js';
import { readChannelManifest } from './channel-manifest.js';

export interface ChannelPeopleListing {
  channel?: { id: string; title: string };
  people: {
    id: string;
    name?: string;
    thumbnail?: string;
    totalS: number;
    videos: { id: string; title: string; identityId: string; totalS: number }[];
  }[];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** `kirinuki people <out>`: every known person, most screen time first, with time per video. */
export async function listChannelPeople(out: string): Promise<ChannelPeopleListing> {
  const root = resolve(out);
  if (!existsSync(root)) throw new KirinukiError('FILE_NOT_FOUND', `The projects folder ${root} does not exist.`);
  const manifest = await readChannelManifest(root);
  if (!manifest && !existsSync(channelPeoplePath(root))) {
    throw new KirinukiError('FILE_NOT_FOUND', `${root} holds no channel run (no channel.json or people.json).`);
  }
  const registry = await readChannelPeople(root);
  const titles = new Map(manifest?.videos.map((v) => [v.id, v.title]));
  const people = registry.people.map((person) => {
    const videos = Object.entries(person.videos)
      .map(([id, seen]) => ({ id, title: titles.get(id) ?? id, identityId: seen.identityId, totalS: round1(seen.totalS) }))
      .sort((a, b) => b.totalS - a.totalS);
    const listed: ChannelPeopleListing['people'][number] = {
      id: person.id,
      totalS: round1(videos.reduce((sum, v) => sum + v.totalS, 0)),
      videos,
    };
    if (person.name) listed.name = person.name;
    if (person.thumbnail) listed.thumbnail = person.thumbnail;
    return listed;
  });
  people.sort((a, b) => b.totalS - a.totalS);
  return manifest ? { channel: manifest.channel, people } : { people };
}
