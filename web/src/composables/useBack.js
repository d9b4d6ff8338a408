// 返回: the previous page of this visit, or the home page when the resident arrived here
// directly (a shared link, a reload after the history was lost).
import { useRouter } from 'vue-router';

/** @returns {() => void} */
export function useBack(fallback = '/') {
  const router = useRouter();
  return () => {
    if (window.history.state?.back) router.back();
    else router.push(fallback);
  };
}
